/** The policy playbook's card: the shared family card, worded from `locales/<lng>/policy.json`. */
import { familyView } from './family';

export const view = familyView('policy');
