// suqiu.assessment.suggest (预填研判建议): proposes list type, domain and difficulty from the
// request's summary (domain/assessment.ts) and names similar closed cases, so the special team's
// form starts filled in. Reads only.
import { suggestAssessment } from '../../domain/index.js';
import { searchClosedCases } from '../../store/case-file.js';
import type { Handler } from '../shared/job.js';
import { text } from '../shared/vars.js';

const SIMILAR_CASES = 5;

export const suggestAssessmentHandler: Handler = async (job, deps) => {
  text(job, 'requestId');
  const summary = text(job, 'summary');
  const s = suggestAssessment(summary);
  // worked examples: closed requests that share the keyword the domain was found by
  const keyword = s.because.domain[0];
  const similar = keyword === undefined ? [] : searchClosedCases(deps.db, keyword, SIMILAR_CASES);
  return {
    suggestion: {
      listType: s.listType,
      domain: s.domain ?? null,
      difficulty: s.difficulty,
      because: s.because,
      similarCases: similar.map((c) => c.id),
    },
  };
};
