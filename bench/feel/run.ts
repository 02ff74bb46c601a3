// bench/feel: what one FEEL evaluation costs, for the expressions Suqiu's workflows really use.
//
// Collects every `=` expression of workflows/*.bpmn (conditions, input/output mappings, timers,
// due dates, candidate groups, scripts, correlation keys, multi-instance collections), evaluates
// each through evaluateFeel against one plausible set of process variables and the engine's clock,
// and prints microseconds of CPU per evaluation, warm:
//   cached    the same call again and again, as when many instances meet the same expression
//             with the same values; an expression that reads the clock (now(), today()) or
//             gives a list or context is never served from the results cache, so this is its
//             full cost
//   uncached  the results cache missed: it is emptied before each call (compiled expressions
//             stay, as they do when new values meet a known expression)
//   parse     feelin's parseExpression alone, against the evaluation's scope: what each
//             evaluation would spend parsing if the expression were not compiled (the last
//             column says whether it is; see engine/feel/compiled.ts)
// `npm run bench:feel -- --filter now` measures only the expressions containing `now`.

import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { XMLParser } from 'fast-xml-parser';
import { parseExpression } from 'feelin';
import { evaluateFeel } from '../../engine/feel/index.js';
import { forgetCachedResults } from '../../engine/feel/evaluate.js';
import { compiledFor } from '../../engine/feel/compiled.js';
import { createScope, DIALECT, mentionedNames } from '../../engine/feel/scope.js';
import { feelText } from '../../engine/feel/expression-text.js';

const filterArg = process.argv.indexOf('--filter');
const filter = filterArg > 0 ? process.argv[filterArg + 1] : undefined;

const workflows = new URL('../../workflows/', import.meta.url);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false });

/** every distinct `=` value in the workflows, with how many times and where it first occurs */
function workflowExpressions(): Array<{ source: string; uses: number; where: string }> {
  const found = new Map<string, { uses: number; where: string }>();
  const walk = (node: unknown, file: string, path: string): void => {
    if (typeof node === 'string') {
      if (!node.trim().startsWith('=')) return;
      const seen = found.get(node.trim());
      if (seen) seen.uses++;
      else found.set(node.trim(), { uses: 1, where: `${file} ${path}` });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      for (const item of Array.isArray(value) ? value : [value]) walk(item, file, key.replace(/^(bpmn|zeebe):/, ''));
    }
  };
  for (const file of readdirSync(workflows).filter((f) => f.endsWith('.bpmn')).sort()) {
    walk(xml.parse(readFileSync(new URL(file, workflows), 'utf8')), file, '');
  }
  return [...found].map(([source, seen]) => ({ source, ...seen }));
}

const unit = (i: number) => ({
  unit: `township:t${i}`,
  unitName: `乡镇${i}`,
  assigned: 2 + (i % 9),
  interviewOpen: i % 7 === 0,
  colour: ['red', 'black', 'none'][i % 3],
  closureRate: i % 5 === 0 ? null : 0.5 + (i % 5) / 10,
  satisfactionRate: 0.6 + (i % 4) / 10,
  rehandlingRate: (i % 6) / 20,
});

// one instance's variables, as the engine hands them over (all names visible in scope)
const variables: Record<string, unknown> = {
  requestId: 'REQ-2024-000123',
  listType: 'complaint',
  difficulty: 'hard',
  timeLimitChoice: 30,
  timeLimitDays: 15,
  level: 'township',
  townshipId: 't07',
  villageId: null,
  responsibleUnit: 'township:t07',
  handler: 'wang.li',
  valid: true,
  mergeInto: null,
  decision: 'accept',
  returnReason: null,
  returnNote: null,
  returnDecision: 'redispatch',
  redispatchTo: 'township:t08',
  decisionNote: 'ok',
  outcome: 'extend',
  extensionApproved: true,
  extensionNote: 'agreed',
  extensionDays: 10,
  extensionReason: 'waiting for funds',
  extensionRequest: { days: 10, reason: 'waiting for funds', askedAt: '2024-05-03T09:00:00Z', deadline: '2024-05-16T09:00:00Z' },
  deadlines: { deadline: '2024-05-16T09:00:00Z', warnAt: '2024-05-13T09:00:00Z' },
  milestones: [{ name: 'first', dueDate: '2024-06-01T00:00:00Z' }, { name: 'second', dueDate: '2024-09-01T00:00:00Z' }],
  milestone: { name: 'first', dueDate: '2024-06-01T00:00:00Z' },
  departments: [{ unit: 'department:water' }, { unit: 'department:roads' }],
  department: { unit: 'department:water' },
  contribution: 'repaired the pipe',
  reportLimit: null,
  signed: true,
  citizenSigned: true,
  handlerSigned: true,
  leaderInChargeSigned: true,
  mainLeaderSigned: false,
  satisfaction: 'satisfied',
  satisfied: true,
  feedback: 'thanks',
  reHandleCount: 1,
  supervisionRules: { reportWithin: 'P2D', redShare: 0.1, blackShare: 0.1, minAssigned: 3, interviewClosureBelow: 0, interviewSatisfactionBelow: 0.8, interviewRehandlingAbove: 0.2 },
  rankedUnits: Array.from({ length: 30 }, (_, i) => unit(i)),
  interviewUnits: [{ unit: 'township:t03', unitName: '乡镇3', reasons: ['black_list'] }],
  reportDueAt: '2024-06-03T09:00:00Z',
  rectificationDeadline: '2024-07-01',
};

const clockStart = Date.parse('2024-05-06T08:00:00Z');
let tick = 0;
/** the engine passes its clock with every evaluation; it moves on between evaluations */
const options = () => ({ now: new Date(clockStart + tick++ * 1_000) });

/**
 * µs per call of `run`, warm: the median of five rounds of about 15 ms each. Rounds are timed in
 * this process's CPU time, not wall time, so that other work on a shared machine (which
 * preempts this process) inflates the figures less; the garbage collector's threads count.
 */
function measure(run: () => void): number {
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1_000;
  };
  let perRound = 20;
  for (;;) {
    const started = cpuMs();
    for (let i = 0; i < perRound; i++) run();
    const ms = cpuMs() - started;
    if (ms > 5) {
      perRound = Math.max(1, Math.round((perRound * 15) / ms));
      break;
    }
    perRound *= 4;
  }
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = cpuMs();
    for (let i = 0; i < perRound; i++) run();
    rounds.push(((cpuMs() - started) * 1_000) / perRound);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

const expressions = workflowExpressions().filter((e) => filter === undefined || e.source.includes(filter));
console.log(`bench:feel  node ${process.version}  ${cpus().length} × ${cpus()[0]?.model ?? '?'}  TZ ${Intl.DateTimeFormat().resolvedOptions().timeZone}`);
console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${expressions.length} distinct expressions from workflows/*.bpmn\n`);
console.log(`${'cached'.padStart(9)} ${'uncached'.padStart(9)} ${'parse'.padStart(9)}  µs per evaluation · path · uses · expression`);

const started = performance.now();
const totals = { cached: 0, uncached: 0, parse: 0 };
for (const { source, uses } of expressions) {
  const first = evaluateFeel(source, variables, options());
  if (!first.ok) throw new Error(`the benchmark's variables do not fit ${source}: ${first.message}`);
  const cached = measure(() => evaluateFeel(source, variables, options()));
  const uncached = measure(() => {
    forgetCachedResults();
    evaluateFeel(source, variables, options());
  });
  const text = feelText(source);
  const scope = createScope(text, variables);
  const parse = measure(() => parseExpression(text, scope, DIALECT));
  const path = compiledFor(text, mentionedNames(text, variables), variables) ? 'compiled' : 'parsed';
  totals.cached += cached;
  totals.uncached += uncached;
  totals.parse += parse;
  const oneLine = source.replace(/\s+/g, ' ');
  console.log(`${cached.toFixed(1).padStart(9)} ${uncached.toFixed(1).padStart(9)} ${parse.toFixed(1).padStart(9)}  ${path.padEnd(8)} ${String(uses).padStart(2)}× ${oneLine.length > 90 ? `${oneLine.slice(0, 89)}…` : oneLine}`);
}
console.log(`${totals.cached.toFixed(0).padStart(9)} ${totals.uncached.toFixed(0).padStart(9)} ${totals.parse.toFixed(0).padStart(9)}  sum over the ${expressions.length} expressions (a parse would be ${((100 * totals.parse) / totals.uncached).toFixed(0)} % of uncached)`);
console.log(`\n${((performance.now() - started) / 1_000).toFixed(1)} s; load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
