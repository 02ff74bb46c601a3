import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvDisposition, csvLine, csvStream } from './csv.js';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as string | Buffer));
  return Buffer.concat(parts).toString('utf8');
}

describe('csv', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, and leaves plain cells alone', () => {
    // when
    const cells = [csvCell('黄梁村'), csvCell('a,b'), csvCell('他说"好"'), csvCell('第一行\n第二行'), csvCell('x\r\ny'), csvCell(null), csvCell(42), csvCell(-3)];

    // then
    expect(cells).toEqual(['黄梁村', '"a,b"', '"他说""好"""', '"第一行\n第二行"', '"x\r\ny"', '', '42', '-3']);
  });

  it('guards text cells a spreadsheet would run as a formula', () => {
    // when
    const cells = ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tcmd', '=HYPERLINK("http://x","点我")'].map(csvCell);

    // then
    expect(cells).toEqual(["'=1+1", "'+86 138", "'-2", "'@SUM(A1)", "'\tcmd", `"'=HYPERLINK(""http://x"",""点我"")"`]);
  });

  it('ends each record with CRLF', () => {
    // then
    expect(csvLine(['诉求编号', '内容'])).toBe('诉求编号,内容\r\n');
  });

  it('streams the BOM, the header and every row', async () => {
    // given
    function* rows() {
      for (let i = 0; i < 450; i++) yield [`SQ${i}`, i];
    }

    // when
    const out = await text(csvStream(['编号', '序号'], rows(), 100));

    // then
    expect(out.startsWith(`${CSV_BOM}编号,序号\r\n`)).toBe(true);
    expect(Buffer.from(out, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = out.slice(1).split('\r\n');
    expect(lines).toHaveLength(452);
    expect(lines[450]).toBe('SQ449,449');
    expect(lines[451]).toBe('');
  });

  it('names the file in ASCII and in UTF-8', () => {
    // then
    expect(csvDisposition('ledger-2025-03-03.csv', '台账-黄梁村.csv')).toBe(
      `attachment; filename="ledger-2025-03-03.csv"; filename*=UTF-8''${encodeURIComponent('台账-黄梁村.csv')}`,
    );
    expect(csvDisposition('a"b;c.csv', 'x')).toBe(`attachment; filename="a_b_c.csv"; filename*=UTF-8''x`);
  });
});
