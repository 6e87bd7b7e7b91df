import entryPoints from '../../src/gas/entryPoints.json';
import * as main from '../../src/gas/main';

describe('Apps Script entry points (DESIGN.md "Apps Script contract")', () => {
  test('the build list names exactly the functions the entry module exports', () => {
    const exported = Object.entries(main)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k)
      .sort();
    expect([...entryPoints].sort()).toEqual(exported);
  });

  test('the seven entry points of the contract are all there, and generateAnnualReport (事業報告書) is the eighth', () => {
    expect([...entryPoints].sort()).toEqual(
      [
        'checkAllEntries',
        'generateMonthlyReport',
        'installTriggers',
        'onEdit',
        'onOpen',
        'sendReminders',
        'setupWorkbook',
        'generateAnnualReport',
      ].sort()
    );
  });
});
