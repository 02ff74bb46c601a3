// The forms of request-lifecycle's user tasks (workflows/README.md, "User tasks").
import { Type } from 'typebox';
import { t } from '../../problems.js';
import { difficulties, domainAreas, listTypes } from '../../../domain/index.js';
import { choicesOf, form } from './form.js';
import { Note, RequiredNote } from './fields.js';

const LIST_TYPES = ['policy_consultation', 'suggestion', 'individual', 'collective', 'other'];
const DOMAINS = [
  'agriculture_rural', 'natural_resources', 'urban_rural_construction', 'labour_social_security', 'health', 'education', 'policy_fulfilment',
  'public_security', 'community_governance', 'water_resources', 'transport', 'civil_affairs', 'ecology_environment', 'urban_management', 'disputes_legal',
];
const Signature = Type.Object(
  { signed: Type.Boolean({ description: 'true: I sign; false: I refuse (the request goes back to handling)' }), note: Type.Optional(Note()) },
  { additionalProperties: false },
);
const signatureLabels = { signed: t('签字确认', 'I sign'), note: t('意见', 'Comment') };
const signatureChoices = { signed: { true: t('同意，签字确认', 'I sign'), false: t('不同意，退回办理', 'I refuse: back to handling') } };

export const requestLifecycleForms = [
  form(
    'screen',
    t('甄别诉求', 'Screen the request'),
    Type.Object(
      {
        valid: Type.Boolean(),
        screeningNote: Type.Optional(Note()),
        mergeInto: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '并单: the request this one repeats; it then follows that one\'s progress' })),
      },
      { additionalProperties: false },
    ),
    { valid: t('是否有效诉求', 'Valid request'), screeningNote: t('甄别意见', 'Screening note'), mergeInto: t('并入诉求编号(并单)', 'Merge into request') },
    { valid: { true: t('有效诉求', 'Valid'), false: t('无效诉求', 'Not valid') } },
  ),
  form('explain-invalid', t('向诉求人解释说明', 'Explain to the citizen'), Type.Object({ explanationNote: RequiredNote() }, { additionalProperties: false }), {
    explanationNote: t('解释说明情况', 'What was explained'),
  }),
  form(
    'assess',
    t('专班研判', 'Assess the request'),
    Type.Object(
      {
        listType: Type.Union(LIST_TYPES.map((v) => Type.Literal(v))),
        domain: Type.Union(DOMAINS.map((v) => Type.Literal(v))),
        difficulty: Type.Union([Type.Literal('easy'), Type.Literal('hard'), Type.Literal('major')]),
        timeLimitChoice: Type.Optional(Type.Union([Type.Literal(30), Type.Literal(60), Type.Literal(90)])),
      },
      { additionalProperties: false },
    ),
    { listType: t('清单类型', 'List type'), domain: t('领域', 'Domain'), difficulty: t('难易程度', 'Difficulty'), timeLimitChoice: t('办理时限(天)', 'Time limit (days)') },
    {
      listType: choicesOf(listTypes.labels),
      domain: choicesOf(domainAreas.labels),
      difficulty: choicesOf(difficulties.labels),
      timeLimitChoice: { 30: t('30 天', '30 days'), 60: t('60 天', '60 days'), 90: t('90 天', '90 days') },
    },
  ),
  form('backstop-plan', t('联席会议制定化解方案', 'The joint meeting\'s plan'), Type.Object({ plan: RequiredNote() }, { additionalProperties: false }), { plan: t('化解方案', 'Plan') }),
  form('backstop-resolve', t('兜底化解', 'Backstop resolved'), Type.Object({ resolutionNote: RequiredNote() }, { additionalProperties: false }), {
    resolutionNote: t('化解情况', 'How it was resolved'),
  }),
  form('monthly-review', t('党政联席会议月度调度', 'Monthly review'), Type.Object({ reviewNote: RequiredNote() }, { additionalProperties: false }), {
    reviewNote: t('调度情况', 'Review'),
  }),
  form('sign-citizen', t('诉求人签字', 'The citizen signs'), Signature, signatureLabels, signatureChoices),
  form('sign-handler', t('办理人签字', 'The handler signs'), Signature, signatureLabels, signatureChoices),
  form('sign-leader-in-charge', t('分管领导签字', 'The leader in charge signs'), Signature, signatureLabels, signatureChoices),
  form('sign-main-leader', t('主要领导签字', 'The main leader signs'), Signature, signatureLabels, signatureChoices),
];
