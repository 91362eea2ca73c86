/** The mailbox playbook's card: the shared family card, worded from `locales/<lng>/mailbox.json`. */
import { familyView } from './family';

export const view = familyView('mailbox');
