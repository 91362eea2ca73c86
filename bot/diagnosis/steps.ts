/** The three steps of the 5.7.23 guidance, each with a state derived from the SPF report. */
import type { SpfReport } from '../dns/types';
import type { GuidanceStep, StepState } from './types';

const HRDP_SIGNS = new Set(['m365.no-a-no-mx', 'm365.ip-not-covered']);

export function spfLooksRight(report: SpfReport | undefined): boolean {
  if (!report || report.incomplete || report.published.state !== 'one') return false;
  if (report.findings.some((f) => f.severity === 'error')) return false;
  if (report.ipResult && report.ipResult.result !== 'pass') return false;
  return true;
}

export function guidanceSteps(report: SpfReport | undefined, hasDomain: boolean): GuidanceStep[] {
  let verify: StepState;
  if (!hasDomain) verify = 'todo';
  else if (!report || report.incomplete) verify = 'unknown';
  else verify = spfLooksRight(report) ? 'ok' : 'problem';

  let hrdp: StepState;
  if (report?.findings.some((f) => HRDP_SIGNS.has(f.code))) hrdp = 'problem';
  else if (report?.ipResult?.result === 'pass') hrdp = 'ok';
  else hrdp = 'unknown';

  return [
    { id: 'verify-spf', state: verify },
    { id: 'check-hrdp', state: hrdp },
    { id: 'contact-remote-admin', state: verify === 'ok' ? 'todo' : 'unknown' },
  ];
}
