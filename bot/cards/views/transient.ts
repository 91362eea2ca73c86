/** The transient playbook's card: the shared family card, worded from `locales/<lng>/transient.json`. */
import { familyView } from './family';

export const view = familyView('transient');
