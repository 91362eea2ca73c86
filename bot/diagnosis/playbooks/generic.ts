/**
 * Every code no other playbook takes: what the code means and who usually fixes it, from the code table
 * (Exchange Online's NDR table and the common codes of other receivers), per recipient.
 */
import type { Playbook, PlaybookInput } from '../playbook';
import type { DiagnosisBase } from '../types';

export type GenericDiagnosis = DiagnosisBase<'generic', string>;

declare module '../types' {
  interface PlaybookDiagnoses {
    generic: GenericDiagnosis;
  }
}

export const playbook: Playbook<GenericDiagnosis> = {
  id: 'generic',
  rank: 1000,
  takes: () => ({}),
  plan: () => ({ needsDomain: false, checksDns: false }),
  async diagnose({ bounce, recipients, primary, domain }: PlaybookInput): Promise<GenericDiagnosis> {
    const d: GenericDiagnosis = {
      playbook: 'generic',
      subject: 'bounce',
      bounce,
      recipients,
      // The code table's entry is the judgement here: what the code means, and who usually fixes it.
      verdict: { cause: primary.codeKey ?? 'no-code', confidence: 'likely', evidence: primary.status ? [`status:${primary.status}`] : [] },
      steps: [],
      owner: primary.owner,
      escalationSuggested: recipients.some((r) => r.owner !== 'sender'),
    };
    const senderDomain = (domain ?? bounce.senderDomain)?.toLowerCase();
    if (senderDomain) d.senderDomain = senderDomain;
    if (bounce.sendingIp) d.sendingIp = bounce.sendingIp;
    return d;
  },
};
