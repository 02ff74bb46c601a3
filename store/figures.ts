// The study's headline figures, computed from the store: valid requests per year, invalid ones,
// the ledger split by level (where requests ended up), closure rate, overdue and re-handling
// counts, the requests moved up to the district and the cases the district took as backstop.
import { sql } from 'drizzle-orm';
import type { Level } from '../domain/index.js';
import type { Conn } from './db.js';

export interface StudyFigures {
  /** valid requests per calendar year (China time), e.g. { '2021': 12878 }; a merged duplicate (并单) counts with its master only */
  validPerYear: Record<string, number>;
  valid: number;
  invalid: number;
  /** duplicates merged into another request (并单): neither valid on their own nor invalid */
  merged: number;
  /** valid requests by the level that owns them now */
  ledgerByLevel: Record<Level, number>;
  closed: number;
  /** closed / valid; undefined with no valid request */
  closureRate?: number;
  overdue: number;
  /** re-handlings counted (a request sent back twice counts twice) */
  rehandlings: number;
  /** requests moved up to the district from a lower level */
  movedToDistrict: number;
  /** requests the district took into its backstop (兜底): nothing above could solve them */
  backstop: number;
}

const CHINA_OFFSET_S = 8 * 60 * 60;

export function studyFigures(conn: Conn): StudyFigures {
  const perYear = conn.all<{ year: string; n: number }>(sql`
    select strftime('%Y', created_at / 1000 + ${CHINA_OFFSET_S}, 'unixepoch') as year, count(*) as n
    from requests where status not in ('invalid', 'merged') group by year order by year`);
  const byLevel = conn.all<{ level: Level; n: number }>(sql`
    select level, count(*) as n from requests where status not in ('invalid', 'merged') and level is not null group by level`);
  const totals = conn.get<{ valid: number; invalid: number; merged: number; closed: number; overdue: number }>(sql`
    select sum(status not in ('invalid', 'merged')) as valid, sum(status = 'invalid') as invalid, sum(status = 'merged') as merged,
      sum(status in ('closed', 'archived')) as closed, sum(status not in ('invalid', 'merged') and overdue_at is not null) as overdue
    from requests`);
  const rehandlings = conn.get<{ n: number }>(sql`select count(*) as n from rehandlings`)?.n ?? 0;
  const movedToDistrict = conn.get<{ n: number }>(sql`select count(distinct request_id) as n from ledger_movements where to_level = 'district'`)?.n ?? 0;
  const backstop = conn.get<{ n: number }>(sql`select count(distinct request_id) as n from backstop_cases`)?.n ?? 0;

  const valid = totals?.valid ?? 0;
  const closed = totals?.closed ?? 0;
  const ledgerByLevel: Record<Level, number> = { village: 0, township: 0, district: 0 };
  for (const row of byLevel) ledgerByLevel[row.level] = row.n;
  return {
    validPerYear: Object.fromEntries(perYear.map((r) => [r.year, r.n])),
    valid,
    invalid: totals?.invalid ?? 0,
    merged: totals?.merged ?? 0,
    ledgerByLevel,
    closed,
    closureRate: valid > 0 ? closed / valid : undefined,
    overdue: totals?.overdue ?? 0,
    rehandlings,
    movedToDistrict,
    backstop,
  };
}
