// Every job type of the contract (workflows/README.md, "Job types") and its handler. The runtime
// starts one job worker per entry; `registry.test.ts` checks that every service task in
// workflows/*.bpmn has an entry here.
//
// No diagram catches a BPMN error from a service task (there are no error boundary events), so no
// handler throws `BpmnError` today: failures that retrying cannot fix raise an incident at once
// (`IncidentError`); anything else is retried with a back-off.
import { suggestAssessmentHandler } from './assessment-suggest/handler.js';
import { enterBackstop } from './backstop-enter/handler.js';
import { updateBoard } from './board-update/handler.js';
import { archiveCaseFile } from './casefile-archive/handler.js';
import { markOverdueHandler } from './deadline-mark-overdue/handler.js';
import { warnDeadline } from './deadline-warn/handler.js';
import { grantExtension } from './extension-grant/handler.js';
import { refuseExtension } from './extension-refuse/handler.js';
import { askSatisfaction } from './followup-ask/handler.js';
import { recordAnswer } from './followup-record-answer/handler.js';
import { recordNoResponse } from './followup-record-no-response/handler.js';
import { recordNonReport } from './joint-record-non-report/handler.js';
import { closeLedger } from './ledger-close/handler.js';
import { countRehandlingHandler } from './ledger-count-rehandling/handler.js';
import { escalate } from './ledger-escalate/handler.js';
import { openLedger } from './ledger-open/handler.js';
import { closeInvalid } from './request-close-invalid/handler.js';
import { mergeRequestHandler } from './request-merge/handler.js';
import { registerRequest } from './request-register/handler.js';
import { recordReturnHandler } from './return-record/handler.js';
import { redispatchHandler } from './return-redispatch/handler.js';
import { rejectReturnHandler } from './return-reject/handler.js';
import { resolveUnit } from './routing-resolve-unit/handler.js';
import type { Handler } from './shared/job.js';
import { rankUnitsHandler } from './supervision-rank/handler.js';
import { countLateReports } from './supervision-count-late-reports/handler.js';
import { openInterviewHandler } from './supervision-open-interview/handler.js';
import { supervisionOrderHandler } from './supervision-order/handler.js';
import { reportProgress } from './supervision-report/handler.js';
import { urgeHandler } from './supervision-urge/handler.js';

export const handlers: Readonly<Record<string, Handler>> = {
  'suqiu.request.register': registerRequest,
  'suqiu.request.close-invalid': closeInvalid,
  'suqiu.request.merge': mergeRequestHandler,
  'suqiu.assessment.suggest': suggestAssessmentHandler,
  'suqiu.routing.resolve-unit': resolveUnit,
  'suqiu.ledger.open': openLedger,
  'suqiu.ledger.escalate': escalate,
  'suqiu.backstop.enter': enterBackstop,
  'suqiu.ledger.close': closeLedger,
  'suqiu.followup.ask': askSatisfaction,
  'suqiu.followup.record-answer': recordAnswer,
  'suqiu.followup.record-no-response': recordNoResponse,
  'suqiu.ledger.count-rehandling': countRehandlingHandler,
  'suqiu.casefile.archive': archiveCaseFile,
  'suqiu.board.update': updateBoard,
  'suqiu.deadline.warn': warnDeadline,
  'suqiu.deadline.mark-overdue': markOverdueHandler,
  'suqiu.supervision.urge': urgeHandler,
  'suqiu.supervision.order': supervisionOrderHandler,
  'suqiu.joint.record-non-report': recordNonReport,
  'suqiu.return.record': recordReturnHandler,
  'suqiu.return.redispatch': redispatchHandler,
  'suqiu.return.reject': rejectReturnHandler,
  'suqiu.extension.grant': grantExtension,
  'suqiu.extension.refuse': refuseExtension,
  'suqiu.supervision.report': reportProgress,
  'suqiu.supervision.rank': rankUnitsHandler,
  'suqiu.supervision.count-late-reports': countLateReports,
  'suqiu.supervision.open-interview': openInterviewHandler,
};

export const jobTypes: readonly string[] = Object.keys(handlers);
