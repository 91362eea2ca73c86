/**
 * Each playbook's view is `views/<playbook id>.ts` exporting `view`: found by id, so adding a family
 * adds its view and nothing here.
 */
import * as path from 'node:path';
import type { Diagnosis, PlaybookDiagnosis, PlaybookId } from '../../diagnosis/types';
import type { Words } from '../words';
import type { PlaybookView } from './playbook-view';

const views = new Map<string, PlaybookView>();

export function viewFor(id: PlaybookId): PlaybookView {
  let v = views.get(id);
  if (!v) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    v = (require(path.join(__dirname, id)) as { view: PlaybookView }).view;
    views.set(id, v);
  }
  return v;
}

/** The verdict in one sentence, for the support team's card and notes ('' for input that is not a bounce). */
export function diagnosisHeadline(d: Diagnosis, w: Words): string {
  if (d.playbook === 'none') return '';
  return viewFor(d.playbook).headline(w, d as PlaybookDiagnosis);
}
