// Syntax checks for deploy-time validation, and the description of a syntax error in evaluation
// messages. feelin's parser (lezer) recovers from errors and marks them with error nodes in the
// tree instead of throwing, so we look for the first error node and describe it by position.
// Results are cached by expression text: a deployment checks the same expressions again on every
// redeploy and engine restart.

import { parseExpression } from 'feelin';
import { BoundedCache } from './bounded-cache.js';
import { feelText } from './expression-text.js';
import { DIALECT, PARSE_CONTEXT } from './scope.js';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** problem description per expression text; null when the text parses */
const problems = new BoundedCache<string, string | null>(5_000);

/** syntax check for deploy-time validation: returns a message (with position if known) or undefined when it parses */
export function checkFeelSyntax(source: string): string | undefined {
  const text = feelText(source);
  const problem = syntaxProblem(text);
  return problem === undefined ? undefined : parseFailureMessage(text, problem);
}

/** the message Zeebe gives for an expression that does not parse */
export function parseFailureMessage(text: string, problem: string): string {
  return `failed to parse expression '${text}': ${problem}`;
}

/** what is wrong with the syntax of `text` (already without `=`), or undefined when it parses */
export function syntaxProblem(text: string): string | undefined {
  let problem = problems.get(text);
  if (problem === undefined) {
    problem = findProblem(text) ?? null;
    problems.set(text, problem);
  }
  return problem ?? undefined;
}

function findProblem(text: string): string | undefined {
  if (text.trim() === '') return 'the expression is empty';
  let tree: ReturnType<typeof parseExpression>;
  try {
    tree = parseExpression(text, PARSE_CONTEXT, DIALECT);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  let problem: string | undefined;
  tree.iterate({
    enter(ref) {
      if (problem !== undefined) return false;
      if (ref.type.isError) {
        problem = describeError(text, ref.node);
        return false;
      }
      return undefined;
    },
  });
  return problem;
}

function describeError(text: string, node: SyntaxNode): string {
  if (node.from < node.to) return `unexpected ${quote(text, node.from, node.to)} at ${locate(text, node.from)}`;
  const next = following(node);
  if (next) return `unexpected ${quote(text, next.from, next.to)} at ${locate(text, next.from)}`;
  const parent = node.parent;
  const unfinished = parent?.enterUnfinishedNodesBefore(node.to) ?? parent;
  const construct = unfinished && unfinished.name !== 'Expression' ? ` (incomplete ${humanise(unfinished.name)})` : '';
  return `unexpected end of expression at ${locate(text, node.from)}${construct}`;
}

/** the next node after `node` in document order, not inside it */
function following(node: SyntaxNode): SyntaxNode | null {
  for (let current: SyntaxNode | null = node; current; current = current.parent) {
    if (current.nextSibling) return current.nextSibling;
  }
  return null;
}

function quote(text: string, from: number, to: number): string {
  const snippet = text.slice(from, to);
  return `'${snippet.length > 24 ? `${snippet.slice(0, 24)}…` : snippet}'`;
}

/** `column 5` for one-line expressions, `line 2, column 3` otherwise (both 1-based) */
function locate(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return line === 1 ? `column ${column}` : `line ${line}, column ${column}`;
}

/** `IfExpression` → `if expression` */
function humanise(nodeName: string): string {
  return nodeName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
