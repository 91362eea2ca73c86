/** The recipient playbook's card: the shared family card, worded from `locales/<lng>/recipient.json`. */
import { familyView } from './family';

export const view = familyView('recipient');
