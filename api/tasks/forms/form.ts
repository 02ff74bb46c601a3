// A step's form: what a user task's completion carries, as a schema the API validates against
// (400 naming the field) and a page renders from (labels in Chinese and English). Forms are named
// by the task's `zeebe:formDefinition externalReference` (`suqiu-form:<element id>`); once the
// workflows carry Camunda Forms the pages render those instead.
import type { TObject } from 'typebox';
import { Compile } from 'typebox/compile';
import { t, type FieldProblem, type Text } from '../../problems.js';

export interface TaskForm {
  /** `suqiu-form:<element id>` */
  key: string;
  title: Text;
  /** the variables the completion sends (an object schema; unknown fields are refused) */
  schema: TObject;
  /** a label per field, for a page to render */
  labels: Record<string, Text>;
  /** for a field with a closed set of values: a label per value, in the order to offer them */
  choices: Record<string, Record<string, Text>>;
}

export function form(elementId: string, title: Text, schema: TObject, labels: Record<string, Text>, choices: Record<string, Record<string, Text>> = {}): TaskForm {
  return { key: `suqiu-form:${elementId}`, title, schema, labels, choices };
}

/** The labels of a vocabulary's codes as choices (its labels are Chinese; English shows the code in words). */
export function choicesOf(labels: Readonly<Record<string, string>>): Record<string, Text> {
  return Object.fromEntries(Object.entries(labels).map(([code, zh]) => [code, t(zh, code.replace(/_/g, ' '))]));
}

const compiled = new WeakMap<TObject, ReturnType<typeof Compile>>();

/** Every problem of `variables` against the form, each naming its field (dotted path). */
export function formProblems(f: TaskForm, variables: unknown): FieldProblem[] {
  let validator = compiled.get(f.schema);
  if (validator === undefined) {
    validator = Compile(f.schema);
    compiled.set(f.schema, validator);
  }
  if (validator.Check(variables)) return [];
  const out: FieldProblem[] = [];
  for (const e of validator.Errors(variables) as Iterable<{ keyword: string; instancePath: string; params: Record<string, unknown>; message: string }>) {
    const base = e.instancePath.split('/').filter((p) => p !== '').join('.');
    const at = (name: string) => (base === '' ? name : `${base}.${name}`);
    if (e.keyword === 'required') {
      for (const name of (e.params.requiredProperties as string[] | undefined) ?? []) out.push({ field: at(name), message: t('必填', 'is required') });
    } else if (e.keyword === 'additionalProperties') {
      for (const name of (e.params.additionalProperties as string[] | undefined) ?? []) out.push({ field: at(name), message: t('此步骤的表单没有这一项', 'is not a field of this form') });
    } else if (e.keyword === 'boolean' && e.instancePath !== '') {
      // the additionalProperties: false schema's own error, already reported above
    } else {
      out.push({ field: base || '(form)', message: t(`不符合要求: ${e.message}`, e.message) });
    }
  }
  return out.length > 0 ? out : [{ field: '(form)', message: t('表单内容有误', 'the form is not valid') }];
}
