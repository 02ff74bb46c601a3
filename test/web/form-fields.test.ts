// The workbench renders every step's form from what the API answers: each form of api/tasks/forms
// (as JSON, the way GET /api/tasks/{key} sends it) gives fields of a known kind with labels, and
// what a person fills in becomes variables the API's own check accepts (formProblems is the
// check the completion route runs).
import { describe, expect, it } from 'vitest';
import { FORMS, formProblems } from '../../api/tasks/forms/index.js';
import { fieldsOf, initialValues, variablesOf, type TaskFormAnswer } from '../../web/src/staff/workbench/form-fields.js';

const answerOf = (key: string): TaskFormAnswer => {
  const f = FORMS.get(key)!;
  return JSON.parse(JSON.stringify({ key: f.key, title: f.title, schema: f.schema, labels: f.labels, choices: f.choices }));
};

describe('the workbench form fields', () => {
  it('gives every field of every form a kind and a label in both languages', () => {
    for (const key of FORMS.keys()) {
      const form = answerOf(key);
      for (const lang of ['zh', 'en'] as const) {
        const fields = fieldsOf(form, lang);
        expect(fields.map((f) => f.name)).toEqual(Object.keys(form.schema.properties ?? {}));
        for (const f of fields) {
          expect([key, f.name, ['choice', 'text', 'integer', 'datetime', 'date', 'list'].includes(f.kind)]).toEqual([key, f.name, true]);
          expect(f.label).not.toBe('');
        }
      }
    }
  });

  it('offers the assessment\'s domains and difficulties with their Chinese labels, in the form\'s order', () => {
    const fields = fieldsOf(answerOf('suqiu-form:assess'), 'zh');
    const difficulty = fields.find((f) => f.name === 'difficulty');
    const domain = fields.find((f) => f.name === 'domain');
    const limit = fields.find((f) => f.name === 'timeLimitChoice');

    expect(difficulty).toMatchObject({ kind: 'choice', required: true, choices: [{ value: 'easy', label: '易事' }, { value: 'hard', label: '难事' }, { value: 'major', label: '大事' }] });
    expect(domain?.kind === 'choice' && domain.choices.length).toBe(15);
    expect(domain?.kind === 'choice' && domain.choices.find((c) => c.value === 'water_resources')?.label).toBe('水利');
    expect(limit).toMatchObject({ kind: 'choice', required: false, choices: [{ value: 30 }, { value: 60 }, { value: 90 }] });
  });

  it('turns a filled-in screening into variables the API accepts, leaving out what was left empty', () => {
    const form = answerOf('suqiu-form:screen');
    const fields = fieldsOf(form, 'zh');
    const values = { ...initialValues(fields), valid: true, screeningNote: '  经核实,诉求属实 ' };

    const variables = variablesOf(fields, values);

    expect(variables).toEqual({ valid: true, screeningNote: '经核实,诉求属实' });
    expect(formProblems(FORMS.get('suqiu-form:screen')!, variables)).toEqual([]);
  });

  it('keeps a number a number and a staged measure a list of objects', () => {
    const fields = fieldsOf(answerOf('suqiu-form:handle-task'), 'zh');
    const values = {
      ...initialValues(fields),
      outcome: 'staged',
      extensionDays: '',
      milestones: [{ title: '第一阶段', dueDate: '2025-04-01T00:00:00+08:00' }, { title: '', dueDate: '' }],
    };

    const variables = variablesOf(fields, values);

    expect(variables).toEqual({ outcome: 'staged', milestones: [{ title: '第一阶段', dueDate: '2025-04-01T00:00:00+08:00' }] });
    expect(formProblems(FORMS.get('suqiu-form:handle-task')!, variables)).toEqual([]);
    expect(variablesOf(fields, { ...values, outcome: 'extend', extensionDays: '15', milestones: [] })).toEqual({ outcome: 'extend', extensionDays: 15 });
  });

  it('sends an empty form as no variables, which the API then refuses naming the required field', () => {
    const fields = fieldsOf(answerOf('suqiu-form:screen'), 'zh');

    const variables = variablesOf(fields, initialValues(fields));

    expect(variables).toEqual({});
    expect(formProblems(FORMS.get('suqiu-form:screen')!, variables).map((p) => p.field)).toEqual(['valid']);
  });
});
