// The business records of Suqiu, in SQLite through Drizzle. Times are stored as integer
// milliseconds since the epoch (`timestamp_ms`); codes (channel, level, ...) are the domain's.
//
// Citizen identity lives only in `request_citizens`, never in `requests`: the public board reads
// `requests` and can therefore not show who asked.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type {
  Channel,
  Difficulty,
  DomainArea,
  Level,
  ListColour,
  ListType,
  RequestStatus,
  Satisfaction,
  SignOffRole,
} from '../domain/index.js';

const at = (name: string) => integer(name, { mode: 'timestamp_ms' });
const demo = () => integer('demo', { mode: 'boolean' }).notNull().default(false);

/**
 * `district_body`: a district body that is neither a department nor the special team but takes
 * tasks of the workflows, e.g. the joint meeting (党政联席会议) and the discipline commission (区纪委监委).
 */
export type UnitKind = 'district' | 'township' | 'street' | 'village' | 'community' | 'department' | 'special_team' | 'district_body';
/**
 * What a member of staff may do in Suqiu. `designer` edits the diagrams (the modeler), `admin` runs
 * the installation (accounts, audit); both are district roles.
 */
export type StaffRole = 'collector' | 'clerk' | 'handler' | 'leader_in_charge' | 'main_leader' | 'supervisor' | 'designer' | 'admin';

// ---------------------------------------------------------------- organisation
/** District, townships/streets, villages/communities, district departments, the special team and district bodies. */
export const orgUnits = sqliteTable(
  'org_units',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<UnitKind>().notNull(),
    level: text('level').$type<Level>().notNull(),
    parentId: text('parent_id').references((): AnySQLiteColumn => orgUnits.id),
    demo: demo(),
  },
  (t) => [index('org_units_parent').on(t.parentId)],
);

/** The duty list (职责清单): each of the 15 domains and the department that leads on it. */
export const duties = sqliteTable('duties', {
  domain: text('domain').$type<DomainArea>().primaryKey(),
  leadUnitId: text('lead_unit_id')
    .notNull()
    .references(() => orgUnits.id),
  demo: demo(),
});

export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    /** where e-mailed notices to this person go (none: the workbench inbox only) */
    email: text('email'),
    demo: demo(),
  },
  (t) => [index('staff_unit').on(t.unitId)],
);

// ---------------------------------------------------------------- accounts and sessions
/** A login of one member of staff: the password as a scrypt hash, failures counted for the lock. */
export const accounts = sqliteTable('accounts', {
  username: text('username').primaryKey(),
  staffId: text('staff_id')
    .notNull()
    .unique()
    .references(() => staff.id),
  /** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
  passwordHash: text('password_hash').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: at('locked_until'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: at('created_at').notNull(),
  demo: demo(),
});

/**
 * Open sessions. Only a hash of the token is kept (the token itself lives in the browser's
 * httpOnly cookie), so a copy of the database opens no session. Kept in the database, not in
 * one process's memory, so every API process sees the same sessions.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_staff').on(t.staffId), index('sessions_expires').on(t.expiresAt)],
);

export const staffRoles = sqliteTable(
  'staff_roles',
  {
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    role: text('role').$type<StaffRole>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.role] })],
);

// ---------------------------------------------------------------- requests
/** 受阻: what keeps a request from being solved (the study names funding first). */
export type BlockedKind = 'funding' | 'land' | 'policy' | 'other';

export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    channel: text('channel').$type<Channel>().notNull(),
    townshipId: text('township_id')
      .notNull()
      .references(() => orgUnits.id),
    villageId: text('village_id').references(() => orgUnits.id),
    text: text('text').notNull(),
    listType: text('list_type').$type<ListType>(),
    domain: text('domain').$type<DomainArea>(),
    difficulty: text('difficulty').$type<Difficulty>(),
    level: text('level').$type<Level>(),
    responsibleUnitId: text('responsible_unit_id').references(() => orgUnits.id),
    timeLimitDays: integer('time_limit_days'),
    deadline: at('deadline'),
    status: text('status').$type<RequestStatus>().notNull().default('received'),
    /** what blocks it (funding shows as such on the public board); the reason's text stays internal */
    blockedKind: text('blocked_kind').$type<BlockedKind>(),
    blockedReason: text('blocked_reason'),
    overdueAt: at('overdue_at'),
    processInstanceKey: text('process_instance_key'),
    /** when the API asked the engine to start the request's instance (null: not yet, the intake retries) */
    instanceRequestedAt: at('instance_requested_at'),
    /** 并单: the request this one was merged into; it follows that one's progress */
    mergedInto: text('merged_into').references((): AnySQLiteColumn => requests.id),
    enteredByStaffId: text('entered_by_staff_id').references(() => staff.id),
    createdAt: at('created_at').notNull(),
    closedAt: at('closed_at'),
    demo: demo(),
  },
  (t) => [
    index('requests_unit').on(t.responsibleUnitId, t.createdAt),
    index('requests_created').on(t.createdAt),
    index('requests_status').on(t.status),
    index('requests_township').on(t.townshipId, t.createdAt),
    index('requests_village').on(t.villageId, t.createdAt),
    index('requests_instance').on(t.processInstanceKey),
    index('requests_not_started').on(t.createdAt).where(sql`instance_requested_at is null`),
    // a service (domain and list type) over a window: Open311's service_code filter
    index('requests_service').on(t.domain, t.listType, t.createdAt),
  ],
);

/** Who asked. Kept apart from `requests` so nothing public ever joins it by accident. */
export const requestCitizens = sqliteTable('request_citizens', {
  requestId: text('request_id')
    .primaryKey()
    .references(() => requests.id),
  name: text('name'),
  phone: text('phone'),
  idNumber: text('id_number'),
  address: text('address'),
});

/**
 * 代办: a request a member of staff entered for someone offline (the elderly, ...): who brought or
 * relayed it and the citizen's consent to have it entered on their behalf.
 */
export const requestProxies = sqliteTable('request_proxies', {
  requestId: text('request_id')
    .primaryKey()
    .references(() => requests.id),
  proxyName: text('proxy_name').notNull(),
  proxyPhone: text('proxy_phone'),
  /** e.g. 子女, 网格员, 邻居 */
  relation: text('relation').notNull(),
  consentGiven: integer('consent_given', { mode: 'boolean' }).notNull(),
  /** how the consent was given: 'in_person', 'phone', 'written' */
  consentMethod: text('consent_method').notNull(),
  consentNote: text('consent_note'),
  recordedByStaffId: text('recorded_by_staff_id')
    .notNull()
    .references(() => staff.id),
  at: at('at').notNull(),
});

/**
 * The citizen's key to their request: the lookup code given at intake (only its hash is kept) and
 * the failures counted against guessing it.
 */
export const requestAccess = sqliteTable('request_access', {
  requestId: text('request_id')
    .primaryKey()
    .references(() => requests.id),
  /** `sha256$<salt b64>$<hash b64>` of the lookup code */
  lookupCodeHash: text('lookup_code_hash').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: at('locked_until'),
});

/** Day counters for request numbers (`SQ<yyyymmdd><nnnn>`), one row per Beijing day. */
export const requestNumbers = sqliteTable('request_numbers', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * A one-time code sent to the citizen's phone so they can sign the closure in person (the staff
 * member types in the code the citizen reads out). Only its hash is kept.
 */
export const signingCodes = sqliteTable(
  'signing_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    codeHash: text('code_hash').notNull(),
    requestedByStaffId: text('requested_by_staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: at('used_at'),
  },
  (t) => [index('signing_codes_request').on(t.requestId, t.createdAt)],
);

// ---------------------------------------------------------------- ledgers
/** 台账: one entry per request and level that owned it; open until closed or moved up. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    level: text('level').$type<Level>().notNull(),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    openedAt: at('opened_at').notNull(),
    closedAt: at('closed_at'),
    /** 'escalated' (moved up), 'redispatched' (改派 to another unit), 'closed' (销号), 'invalid' or 'merged' (并单) */
    closeReason: text('close_reason').$type<'escalated' | 'redispatched' | 'closed' | 'invalid' | 'merged'>(),
  },
  (t) => [
    // At most one open entry per request and level: what makes openLedgerEntry idempotent.
    uniqueIndex('ledger_entries_open').on(t.requestId, t.level).where(sql`closed_at is null`),
    index('ledger_entries_request').on(t.requestId),
    // a unit's ledger (台账), and which requests a unit owned: its staff see those
    index('ledger_entries_unit').on(t.unitId, t.openedAt),
  ],
);

/** How a request's ledger entry moved between levels. */
export const ledgerMovements = sqliteTable(
  'ledger_movements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    fromLevel: text('from_level').$type<Level>().notNull(),
    toLevel: text('to_level').$type<Level>().notNull(),
    fromUnitId: text('from_unit_id').notNull(),
    toUnitId: text('to_unit_id').notNull(),
    reason: text('reason'),
    movedAt: at('moved_at').notNull(),
  },
  (t) => [index('ledger_movements_request').on(t.requestId)],
);

// ---------------------------------------------------------------- case file
/** 一案一卷: every step of one request, who did it and when; one row per event. */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    kind: text('kind').notNull(),
    /** a staff id, 'citizen' or 'system' */
    actor: text('actor').notNull(),
    at: at('at').notNull(),
    /** JSON with what the step produced */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    idempotencyKey: text('idempotency_key').unique(),
  },
  (t) => [index('case_events_request').on(t.requestId, t.at)],
);

/** 四方签字, per handling round (a re-handling needs a fresh set of four). */
export const signOffs = sqliteTable(
  'sign_offs',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    round: integer('round').notNull(),
    role: text('role').$type<SignOffRole>().notNull(),
    signerName: text('signer_name').notNull(),
    signerStaffId: text('signer_staff_id').references(() => staff.id),
    /** how the signer proved it was them: 'login' (staff), 'lookup_code' (the citizen online), 'sms_code' (the citizen in person) */
    method: text('method').$type<'login' | 'lookup_code' | 'sms_code'>(),
    signedAt: at('signed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.round, t.role] })],
);

// ---------------------------------------------------------------- joint handling
/** 吹哨: a township names departments that must report for one request. */
export const whistles = sqliteTable(
  'whistles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    blownByUnitId: text('blown_by_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    blownAt: at('blown_at').notNull(),
    reportDueAt: at('report_due_at').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
  },
  (t) => [index('whistles_request').on(t.requestId)],
);

/** 报到: one row per whistle and named department; reported, or recorded as not reported. */
export const departmentReports = sqliteTable(
  'department_reports',
  {
    whistleId: integer('whistle_id')
      .notNull()
      .references(() => whistles.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => orgUnits.id),
    reportedAt: at('reported_at'),
    nonReportRecordedAt: at('non_report_recorded_at'),
  },
  (t) => [primaryKey({ columns: [t.whistleId, t.departmentId] })],
);

// ---------------------------------------------------------------- staged measures
export const stagedMeasures = sqliteTable(
  'staged_measures',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    deadline: at('deadline').notNull(),
    doneAt: at('done_at'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.seq] })],
);

// ---------------------------------------------------------------- backstop
/**
 * 兜底: a request no level could solve, taken by the district and reviewed at the monthly joint
 * meeting until it is resolved. `suqiu.backstop.enter` opens the case; the workbench records the
 * joint meeting's plan, each monthly review and the resolution as staff complete those tasks.
 * A request can enter the backstop again (refused twice after a backstop): one row per entry.
 */
export const backstopCases = sqliteTable(
  'backstop_cases',
  {
    /** `BS-<request id>-<n>`, the process variable `backstopCaseId` */
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    ledgerEntryId: integer('ledger_entry_id').references(() => ledgerEntries.id),
    enteredAt: at('entered_at').notNull(),
    /** 一案一策: the joint meeting's plan */
    plan: text('plan'),
    plannedAt: at('planned_at'),
    resolvedAt: at('resolved_at'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [index('backstop_cases_request').on(t.requestId)],
);

/** The joint meeting's monthly reviews (月度调度) of one backstop case, numbered 1, 2, ... */
export const backstopReviews = sqliteTable(
  'backstop_reviews',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => backstopCases.id),
    seq: integer('seq').notNull(),
    note: text('note'),
    reviewedAt: at('reviewed_at').notNull(),
    /** one review per key: e.g. `review:<user task key>` */
    idempotencyKey: text('idempotency_key').unique(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.seq] })],
);

// ---------------------------------------------------------------- follow-up and re-handling
/** 回访: one per handling round. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    round: integer('round').notNull(),
    outcome: text('outcome').$type<Satisfaction>().notNull(),
    level: text('level').$type<Level>().notNull(),
    askedBy: text('asked_by'),
    note: text('note'),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.round] })],
);

/** 重办: each time a request is sent back; `round` is the handling round it opens (2, 3, ...). */
export const rehandlings = sqliteTable(
  'rehandlings',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    round: integer('round').notNull(),
    level: text('level').$type<Level>().notNull(),
    unitId: text('unit_id').references(() => orgUnits.id),
    reason: text('reason'),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.round] })],
);

// ---------------------------------------------------------------- notifications
export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** Outbox: written in the same transaction as the step that causes it, delivered later. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** how to reach the recipient: 'sms', 'internal', 'wechat', ... (the adapter decides) */
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    text: text('text').notNull(),
    requestId: text('request_id').references(() => requests.id),
    status: text('status').$type<NotificationStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    /** not before this time (back-off after a failed attempt); null: at once */
    nextAttemptAt: at('next_attempt_at'),
    /** the delivery channel that sent it: 'log', 'smtp', 'sms-gateway', 'inbox' */
    deliveredVia: text('delivered_via'),
    sentAt: at('sent_at'),
    idempotencyKey: text('idempotency_key').unique(),
  },
  (t) => [index('notifications_status').on(t.status, t.id), index('notifications_request').on(t.requestId)],
);

// ---------------------------------------------------------------- rankings
export const rankingSnapshots = sqliteTable(
  'ranking_snapshots',
  {
    /** e.g. '2024-W32' (weekly report) or '2024-08' */
    period: text('period').notNull(),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    rank: integer('rank'),
    assigned: integer('assigned').notNull(),
    closed: integer('closed').notNull(),
    closureRate: real('closure_rate'),
    satisfactionRate: real('satisfaction_rate'),
    overdueRate: real('overdue_rate'),
    rehandlingRate: real('rehandling_rate'),
    nonReports: integer('non_reports').notNull().default(0),
    colour: text('colour').$type<ListColour>().notNull(),
    /** why the unit is where it is, as codes the pages translate (e.g. 'low_satisfaction_rate') */
    reasons: text('reasons', { mode: 'json' }).$type<string[]>(),
    takenAt: at('taken_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.unitId] })],
);

// ---------------------------------------------------------------- idempotency
/**
 * Steps already applied, keyed by an idempotency key the caller chooses (for a job worker: the
 * job type plus the Zeebe job key, stable across retries and re-activations). The step's result is
 * kept so a repeated call answers what the first one did.
 */
export const processedSteps = sqliteTable('processed_steps', {
  key: text('key').primaryKey(),
  step: text('step').notNull(),
  requestId: text('request_id'),
  result: text('result', { mode: 'json' }),
  at: at('at').notNull(),
});

// ---------------------------------------------------------------- simulated time
/**
 * The time a simulation (the replay, a scenario test) says it is, for workers started with
 * `SUQIU_WORKERS_CLOCK=simulated`: the simulation pins the engine's clock and writes the same
 * instant here, so business records carry simulated times. One row (id 1) at most; production
 * stores never have one.
 */
export const simulatedClock = sqliteTable('simulated_clock', {
  id: integer('id').primaryKey(),
  at: at('at').notNull(),
});

// ---------------------------------------------------------------- returns and extensions
/**
 * 退单: a unit returns a request it cannot own, with a reason; the special team re-dispatches it to
 * another unit or rejects the return. Counted per unit.
 */
export const requestReturns = sqliteTable(
  'request_returns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    level: text('level').$type<Level>().notNull(),
    /** 'wrong_locality' 属地不符, 'unclear_ownership' 权属不清, 'overlapping_duties' 职能交叉, 'other' */
    reason: text('reason').notNull(),
    note: text('note'),
    returnedAt: at('returned_at').notNull(),
    /** 'redispatched' or 'rejected'; null while the special team has not decided */
    decision: text('decision').$type<'redispatched' | 'rejected'>(),
    decisionNote: text('decision_note'),
    redispatchedToUnitId: text('redispatched_to_unit_id').references(() => orgUnits.id),
    decidedAt: at('decided_at'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
  },
  (t) => [index('request_returns_request').on(t.requestId), index('request_returns_unit').on(t.unitId)],
);

/** 延期: a unit asks for more time before its deadline; the leader in charge approves or refuses. */
export const extensions = sqliteTable(
  'extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    requestedAt: at('requested_at').notNull(),
    oldDeadline: at('old_deadline'),
    approved: integer('approved', { mode: 'boolean' }),
    decisionNote: text('decision_note'),
    newDeadline: at('new_deadline'),
    decidedAt: at('decided_at'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
  },
  (t) => [index('extensions_request').on(t.requestId)],
);

// ---------------------------------------------------------------- attachments
/**
 * Photos and scanned documents of a case file. The bytes live on disk under their SHA-256
 * (content-addressed, so a file uploaded twice is stored once); every read checks the hash.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    /** a staff id or 'citizen' */
    uploadedBy: text('uploaded_by').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('attachments_request').on(t.requestId)],
);

// ---------------------------------------------------------------- idempotent API calls
/**
 * The first answer to a request sent with an `Idempotency-Key` header: a retry with the same key
 * (from the same caller, to the same route) gets this answer again instead of a twin.
 */
export const idempotentResponses = sqliteTable(
  'idempotent_responses',
  {
    /** `<route>|<caller>|<key>` */
    scopeKey: text('scope_key').primaryKey(),
    /** a hash of the request body: the same key with another body is a mistake (422) */
    fingerprint: text('fingerprint').notNull(),
    statusCode: integer('status_code').notNull(),
    body: text('body', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('idempotent_responses_created').on(t.createdAt)],
);

// ---------------------------------------------------------------- audit
/** Every write through the API: who, what, when and from where. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: at('at').notNull(),
    /** a staff id, 'citizen' (with a lookup code), 'public' or 'open311:<key name>' */
    actor: text('actor').notNull(),
    actorUnitId: text('actor_unit_id'),
    /** e.g. 'POST /api/tasks/:key/completion' */
    action: text('action').notNull(),
    /** what it acted on: a request id, a task key, a username, ... */
    target: text('target'),
    statusCode: integer('status_code').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_at').on(t.at), index('audit_actor').on(t.actor, t.at), index('audit_target').on(t.target)],
);

// ================================================================ supervision (督办)
/**
 * 催办 / 督办: each reminder before a deadline, urging notice after it and supervision order while it
 * stays missed. Which comes when is the BPMN's rule (handle-at-level's timers); this is the record.
 */
export type UrgingKind = 'reminder' | 'urging' | 'supervision_order';

export const urgings = sqliteTable(
  'urgings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    /** the unit urged: the one responsible when it was sent */
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').$type<UrgingKind>().notNull(),
    /** the deadline it is about */
    deadline: at('deadline').notNull(),
    at: at('at').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
  },
  (t) => [index('urgings_request').on(t.requestId, t.at), index('urgings_unit').on(t.unitId, t.at)],
);

/** The ledger's figures a weekly report is drafted from (a unit's own ledger, this year up to the draft). */
export interface UnitReportFigures {
  open: number;
  overdue: number;
  closed: number;
  movedUp: number;
  returned: number;
  rehandled: number;
}

/**
 * 每周报送: one report per unit and ISO week. The supervision cycle drafts it from the unit's ledger
 * with the due time its diagram sets; the unit's leader writes and submits it; one not submitted
 * by then is recorded late (and so is one submitted after it).
 */
export const unitReports = sqliteTable(
  'unit_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** ISO week in Beijing time, e.g. '2025-W10' */
    period: text('period').notNull(),
    dueAt: at('due_at').notNull(),
    draft: text('draft', { mode: 'json' }).$type<UnitReportFigures>().notNull(),
    /** what the unit reports, written by its leader */
    content: text('content'),
    submittedByStaffId: text('submitted_by_staff_id').references(() => staff.id),
    submittedAt: at('submitted_at'),
    /** when the cycle found it missing at its due time */
    lateRecordedAt: at('late_recorded_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('unit_reports_unit_period').on(t.unitId, t.period), index('unit_reports_period').on(t.period)],
);

/** 四不两直: an on-the-spot check by the supervision group, of a unit and optionally one request. */
export const spotChecks = sqliteTable(
  'spot_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    requestId: text('request_id').references(() => requests.id),
    checkedAt: at('checked_at').notNull(),
    /** 不打招呼: the unit was not told beforehand */
    unannounced: integer('unannounced', { mode: 'boolean' }).notNull(),
    findings: text('findings').notNull(),
    recordedByStaffId: text('recorded_by_staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('spot_checks_unit').on(t.unitId, t.checkedAt), index('spot_checks_request').on(t.requestId)],
);

/** Photos of a spot check: bytes stored like attachments (content-addressed under their SHA-256). */
export const spotCheckPhotos = sqliteTable(
  'spot_check_photos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    spotCheckId: integer('spot_check_id')
      .notNull()
      .references(() => spotChecks.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('spot_check_photos_check').on(t.spotCheckId)],
);

/**
 * 约谈: a unit called to account after a ranking (the diagram decides who). Created when the
 * interview task is created; the interviewer records when, findings and the rectification
 * deadline; a check of that deadline records whether the unit rectified.
 */
export const interviews = sqliteTable(
  'interviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** the ranking period that called it, e.g. '2025-W10' */
    period: text('period').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    interviewerStaffId: text('interviewer_staff_id').references(() => staff.id),
    heldAt: at('held_at'),
    findings: text('findings'),
    rectificationDeadline: at('rectification_deadline'),
    checkedByStaffId: text('checked_by_staff_id').references(() => staff.id),
    checkedAt: at('checked_at'),
    rectified: integer('rectified', { mode: 'boolean' }),
    checkNote: text('check_note'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('interviews_unit_period').on(t.unitId, t.period), index('interviews_deadline').on(t.rectificationDeadline)],
);

/** 移交纪委: a request urged and still stalled, handed to the discipline commission with its record. */
export const disciplineReferrals = sqliteTable(
  'discipline_referrals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .unique()
      .references(() => requests.id),
    /** the unit responsible when it was handed over */
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    reason: text('reason').notNull(),
    referredByStaffId: text('referred_by_staff_id')
      .notNull()
      .references(() => staff.id),
    at: at('at').notNull(),
  },
  (t) => [index('discipline_referrals_unit').on(t.unitId, t.at)],
);

// ================================================================ open claims (公开发榜)
export type OpenClaimStatus = 'open' | 'claimed' | 'done' | 'withdrawn';
export type ClaimantKind = 'citizen' | 'company' | 'staff';
export type ClaimStatus = 'active' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';

/** A request posted publicly for anyone to claim, with the points it earns. */
export const openClaims = sqliteTable(
  'open_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    /** public text written by staff (never the citizen's words unreviewed) */
    title: text('title').notNull(),
    description: text('description').notNull(),
    points: integer('points').notNull(),
    postedByStaffId: text('posted_by_staff_id')
      .notNull()
      .references(() => staff.id),
    postedAt: at('posted_at').notNull(),
    status: text('status').$type<OpenClaimStatus>().notNull().default('open'),
    closedAt: at('closed_at'),
    demo: demo(),
  },
  (t) => [
    // one live posting per request
    uniqueIndex('open_claims_live').on(t.requestId).where(sql`status in ('open', 'claimed')`),
    index('open_claims_status').on(t.status, t.postedAt),
  ],
);

/** Who claims: a citizen or company by the name they choose to be shown under, or a member of staff. */
export const claimants = sqliteTable('claimants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').$type<ClaimantKind>().notNull(),
  /** what the ranking shows */
  displayName: text('display_name').notNull(),
  /** to reach a citizen or company claimant; never public */
  contactPhone: text('contact_phone'),
  staffId: text('staff_id')
    .unique()
    .references(() => staff.id),
  /** scrypt hash of the code a citizen or company claimant comes back with */
  codeHash: text('code_hash'),
  createdAt: at('created_at').notNull(),
});

/** One claimant's claim of a posting: the work reported, reviewed by staff, points awarded when approved. */
export const claims = sqliteTable(
  'claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    openClaimId: integer('open_claim_id')
      .notNull()
      .references(() => openClaims.id),
    claimantId: integer('claimant_id')
      .notNull()
      .references(() => claimants.id),
    status: text('status').$type<ClaimStatus>().notNull().default('active'),
    claimedAt: at('claimed_at').notNull(),
    workReport: text('work_report'),
    submittedAt: at('submitted_at'),
    reviewedByStaffId: text('reviewed_by_staff_id').references(() => staff.id),
    reviewedAt: at('reviewed_at'),
    reviewNote: text('review_note'),
    pointsAwarded: integer('points_awarded'),
  },
  (t) => [
    // one live claim per posting
    uniqueIndex('claims_live').on(t.openClaimId).where(sql`status in ('active', 'submitted')`),
    index('claims_claimant').on(t.claimantId, t.reviewedAt),
  ],
);

// ================================================================ Open311 GeoReport v2
/** Keys of the civic apps allowed to POST requests (`api_key`), kept as SHA-256 hashes. */
export const open311Keys = sqliteTable('open311_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: at('created_at').notNull(),
  revokedAt: at('revoked_at'),
  demo: demo(),
});

/** A request that came in through Open311: the service asked for and the token answered. */
export const open311Requests = sqliteTable(
  'open311_requests',
  {
    requestId: text('request_id')
      .primaryKey()
      .references(() => requests.id),
    serviceCode: text('service_code').notNull(),
    token: text('token').notNull().unique(),
    keyId: integer('key_id')
      .notNull()
      .references(() => open311Keys.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('open311_requests_service').on(t.serviceCode, t.createdAt)],
);
