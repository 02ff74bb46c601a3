// Helpers for the engine/model specs: load a fixture, parse it with a trivial FEEL syntax checker.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseBpmn } from './index.js';
import type { ElementModel, ParseResult, ProcessModel, ValidationProblem } from './types.js';

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

/**
 * Stands in for the real FEEL checker: rejects sources containing '!!!' and sources with
 * unbalanced parentheses.
 */
export function trivialCheckExpression(source: string): string | undefined {
  if (source.includes('!!!')) return "unexpected '!!!'";
  let depth = 0;
  for (const char of source) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth < 0) return "unexpected ')'";
  }
  return depth === 0 ? undefined : "missing ')'";
}

export function parseFixture(name: string): Promise<ParseResult> {
  return parseBpmn(fixture(name), { checkExpression: trivialCheckExpression });
}

export async function parseValid(name: string): Promise<ProcessModel[]> {
  const result = await parseFixture(name);
  if (!result.ok) throw new Error(`expected ${name} to be valid, got:\n${result.problems.map(format).join('\n')}`);
  return result.processes;
}

export async function problemsOf(name: string): Promise<readonly ValidationProblem[]> {
  const result = await parseFixture(name);
  if (result.ok) throw new Error(`expected ${name} to be rejected`);
  return result.problems;
}

export function format(problem: ValidationProblem): string {
  return `${problem.elementId ?? '-'}: ${problem.message}`;
}

/** asserts that a problem for the element exists whose message contains `text` */
export function expectProblem(problems: readonly ValidationProblem[], elementId: string | undefined, text: string): void {
  const found = problems.some((problem) => problem.elementId === elementId && problem.message.includes(text));
  expect(found, `no problem for '${elementId ?? '-'}' containing "${text}" in:\n${problems.map(format).join('\n')}`).toBe(true);
}

export function element(process: ProcessModel, id: string): ElementModel {
  const found = process.elements.get(id);
  if (!found) throw new Error(`no element '${id}' in process '${process.bpmnProcessId}'`);
  return found;
}
