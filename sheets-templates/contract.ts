/**
 * The workbook contract (DESIGN.md "The workbook contract") as data: tabs, headers, column types,
 * choices, widths, computed and system-only columns, settings with their defaults.
 * Single source of truth: the ledger reader (src/domain/ledgerReader.ts) reads every tab listed here by its
 * columns' types; the generic rules (required cells, types, choices, references, programme period, handlers)
 * follow the columns' flags; setupWorkbook (Apps Script), `chizai-desk init` and `chizai-desk upgrade` lay the
 * tabs out from it. Findings are listed with 設定 first (it governs the rest), then in this tab order. Widths
 * are in characters. Plain data only: no imports, no functions.
 *
 * Column flags: `required` (a blank cell is a finding); `essential` (a row cannot be used without it: a row whose
 * essential cell is blank or unreadable is left out of every figure, with its finding; a row missing only a cell
 * that describes it still counts for what its other cells say, that value null); `computed` (written by the system, never read);
 * `freeText` (never in a mail); `withinProgramme` (a date outside 事業開始日..事業終了日 is warned; on a 設定 date, an
 * error); `since` (the
 * contract version that added the tab or column: a workbook made earlier may lack it, which `check` warns
 * about once, with how to add it, instead of an error).
 *
 * Rollover (`chizai-desk rollover`, next fiscal year's workbook from this one): each tab's `rollover` says what
 * it keeps: 'carry' (every row), 'carry-open' (rows whose 段階 is not a closed stage) or 'empty' (the default:
 * a tab that records the year starts empty). Each setting's `rollover`: 'next-year' (a date moved to the next
 * fiscal year), 'period-start' / 'period-end' (the new period, or moved a year), 'clear' (emptied with a note,
 * `rolloverNote` saying why: it is granted per contract), 'advance' (the year's number, plus one); without it
 * the value is carried.
 */
export const contract = {
  version: 2,
  choices: {
    段階: ['候補', '選定済', '支援中', '出口戦略', '完了', '中止'],
    種別: ['地域連携会議', '支援検討会', '研修会', 'PDチーム内会議', '月次連絡会', '成果発表会', 'その他'],
    形式: ['対面', 'オンライン', 'ハイブリッド'],
    区分: ['現地', 'オンライン', 'オフサイト'],
    活動内容: ['伴走支援', '連携強化', '情報発信', '会議', '研修', '準備・報告', 'その他'],
    専門分野: [
      '国際標準',
      '企業法務',
      '知財活用・契約',
      'ブランディング',
      'マーケティング',
      'プロモーション戦略',
      '販売促進',
      '販路拡大',
      '海外展開',
      '資金調達',
      '事業者マッチング',
      '商談',
      'その他',
    ],
    専門家状態: ['予定', '実施済', '中止'],
    役割: ['事業統括責任者', '事業担当リーダー', '事業担当者', '事業PD', 'PDチーム', '庁担当者', 'その他'],
    有効: ['TRUE', 'FALSE'],
    PD評価種類: ['中間評価', '最終評価', '臨時評価'],
    総合評価: ['A', 'B', 'C', 'D'],
    継続判断: ['継続', '改善指導', '変更検討'],
    観点: ['定量', '定性'],
    広報種類: ['開催案内', '採録記事', '情報発信', 'その他'],
    媒体区分: ['新聞', 'テレビ', 'ラジオ', 'Web', 'SNS', '広報誌', 'その他'],
    章: ['事業目的', '事業概要', '運営体制', '実施内容及び結果', 'その他'],
  },
  supportedStages: ['支援中', '出口戦略', '完了'],
  /** Stages after which a case needs no more action. */
  closedStages: ['完了', '中止'],
  /** 総合評価 grades that are low: the Office is to be consulted on continuing the dispatch (§5.6(2)). */
  lowEvaluations: ['C', 'D'],
  /** The meeting 種別 of the results presentation (§7). */
  presentationType: '成果発表会',
  /** 広報記録: what counts as announcing the presentation beforehand (§7⑦) and as its write-up after (§7⑧). */
  presentationAnnouncement: { kind: '開催案内', media: ['新聞', 'テレビ'] },
  presentationCoverage: { kind: '採録記事' },
  /** The secretariat's roles (§5.1(3)): how many active handlers each needs, and roles no address may combine. */
  secretariatRoles: [
    { role: '事業統括責任者', min: 1, max: 1, distinct: true },
    { role: '事業担当リーダー', min: 1, max: null, distinct: true },
    { role: '事業担当者', min: 2, max: null, distinct: true },
    { role: '事業PD', min: 1, max: null, distinct: false },
  ],
  /** The tab whose ID column each reference type names, and the finding for an ID it does not have. */
  references: {
    caseRef: { tab: 'cases', code: 'unknown-case' },
    caseRefs: { tab: 'cases', code: 'unknown-case' },
    meetingRef: { tab: 'meetings', code: 'unknown-meeting' },
  },
  minutesDeadlines: [
    { type: '地域連携会議', businessDays: 10, clause: '§6' },
    { type: '支援検討会', businessDays: 5, clause: '§5.5(2)' },
    { type: '研修会', businessDays: 5, clause: '§5.5(2)' },
    { type: 'PDチーム内会議', businessDays: 5, clause: '§5.5(4)' },
    { type: '月次連絡会', businessDays: 7, clause: '§13(2)' },
    { type: '成果発表会', businessDays: 10, clause: '§7' },
  ],
  tabs: [
    {
      key: 'cases',
      name: '案件台帳',
      rollover: 'carry-open',
      columns: [
        { key: 'id', header: '案件ID', type: 'id', required: true, essential: true, width: 10 },
        { key: 'company', header: '企業名', type: 'text', required: true, width: 24, freeText: true },
        { key: 'industry', header: '業種', type: 'text', width: 14 },
        { key: 'stage', header: '段階', type: 'choice', choices: '段階', required: true, essential: true, width: 10 },
        { key: 'owner', header: '担当', type: 'person', width: 14 },
        { key: 'startedOn', header: '支援開始日', type: 'date', width: 12 },
        { key: 'prevalidatedOn', header: '事前検証日', type: 'date', width: 12 },
        { key: 'nextDue', header: '次回期日', type: 'date', width: 12 },
        { key: 'nextAction', header: '次回アクション', type: 'text', width: 28, freeText: true },
        { key: 'issue', header: '課題', type: 'text', width: 32, freeText: true },
        { key: 'menu', header: '支援メニュー', type: 'text', width: 28, freeText: true },
        { key: 'outcome', header: '成果', type: 'text', width: 32, freeText: true },
      ],
    },
    {
      key: 'meetings',
      name: '会議登録簿',
      rollover: 'empty',
      columns: [
        { key: 'id', header: '会議ID', type: 'id', required: true, essential: true, width: 10 },
        { key: 'type', header: '種別', type: 'choice', choices: '種別', required: true, essential: true, width: 16 },
        { key: 'date', header: '開催日', type: 'date', required: true, essential: true, width: 12, withinProgramme: true },
        { key: 'format', header: '形式', type: 'choice', choices: '形式', width: 12 },
        { key: 'minutesOwner', header: '議事録担当', type: 'person', width: 14 },
        { key: 'minutesSharedOn', header: '議事録共有日', type: 'date', width: 12 },
        { key: 'sharedWith', header: '共有先', type: 'text', width: 20 },
        { key: 'caseIds', header: '関連案件', type: 'caseRefs', width: 16 },
        { key: 'minutesDue', header: '期限', type: 'date', computed: true, width: 12 },
        { key: 'status', header: '状態', type: 'text', computed: true, width: 12 },
        { key: 'materialsUrl', header: '資料URL', type: 'url', width: 24, since: 2 },
        { key: 'minutesUrl', header: '議事録URL', type: 'url', width: 24, since: 2 },
        { key: 'opinions', header: '意見・提言', type: 'text', width: 32, freeText: true, since: 2 },
      ],
    },
    {
      key: 'pdHours',
      name: 'PD稼働記録',
      rollover: 'empty',
      columns: [
        { key: 'date', header: '日付', type: 'date', required: true, essential: true, width: 12, withinProgramme: true },
        { key: 'hours', header: '時間', type: 'hours', required: true, essential: true, width: 8 },
        { key: 'mode', header: '区分', type: 'choice', choices: '区分', required: true, width: 10 },
        { key: 'activity', header: '活動内容', type: 'choice', choices: '活動内容', required: true, width: 12 },
        { key: 'caseId', header: '案件ID', type: 'caseRef', width: 10 },
        { key: 'meetingId', header: '会議ID', type: 'meetingRef', width: 10 },
        { key: 'travelCost', header: '旅費', type: 'money', width: 10 },
        { key: 'note', header: '備考', type: 'text', width: 30, freeText: true },
      ],
    },
    {
      key: 'experts',
      name: '専門家活用記録',
      rollover: 'empty',
      columns: [
        { key: 'date', header: '実施日', type: 'date', required: true, essential: true, width: 12, withinProgramme: true },
        { key: 'expert', header: '専門家名', type: 'text', required: true, width: 14, freeText: true },
        { key: 'field', header: '専門分野', type: 'choice', choices: '専門分野', required: true, width: 16 },
        { key: 'hours', header: '時間', type: 'hours', width: 8 },
        { key: 'caseId', header: '案件ID', type: 'caseRef', width: 10 },
        { key: 'consultedOn', header: '事前協議日', type: 'date', width: 12 },
        { key: 'status', header: '状態', type: 'choice', choices: '専門家状態', required: true, essential: true, width: 10 },
        { key: 'fee', header: '謝金', type: 'money', width: 10 },
        { key: 'travelCost', header: '旅費', type: 'money', width: 10 },
      ],
    },
    {
      key: 'settings',
      name: '設定',
      rollover: 'carry',
      columns: [
        { key: 'name', header: '項目', type: 'text', required: true, essential: true, width: 18 },
        { key: 'value', header: '値', type: 'any', width: 40 },
      ],
    },
    {
      key: 'handlers',
      name: '情報取扱者名簿',
      rollover: 'carry',
      columns: [
        { key: 'name', header: '氏名', type: 'text', required: true, width: 14 },
        { key: 'email', header: 'メール', type: 'email', required: true, essential: true, width: 28 },
        { key: 'affiliation', header: '所属', type: 'text', width: 20 },
        { key: 'role', header: '役割', type: 'choice', choices: '役割', width: 16 },
        { key: 'active', header: '有効', type: 'boolean', required: true, width: 8 },
      ],
    },
    {
      key: 'pdReports',
      name: 'PD月次報告',
      since: 2,
      columns: [
        { key: 'month', header: '対象月', type: 'month', required: true, essential: true, width: 10 },
        { key: 'receivedOn', header: '受領日', type: 'date', width: 12 },
        { key: 'submittedOn', header: '庁提出日', type: 'date', width: 12 },
        { key: 'documentUrl', header: '文書URL', type: 'url', width: 36 },
      ],
    },
    {
      key: 'pdEvaluations',
      name: 'PD評価',
      since: 2,
      columns: [
        { key: 'id', header: '評価ID', type: 'id', required: true, essential: true, width: 10 },
        { key: 'date', header: '評価日', type: 'date', required: true, essential: true, width: 12, withinProgramme: true },
        { key: 'kind', header: '種類', type: 'choice', choices: 'PD評価種類', required: true, width: 12 },
        { key: 'heardFrom', header: '聴取先', type: 'text', width: 24, freeText: true },
        { key: 'heardOn', header: '聴取日', type: 'date', width: 12 },
        { key: 'overall', header: '総合評価', type: 'choice', choices: '総合評価', width: 10 },
        { key: 'reportedOn', header: '庁報告日', type: 'date', width: 12 },
        { key: 'consultedOn', header: '庁相談日', type: 'date', width: 12 },
        { key: 'decision', header: '継続判断', type: 'choice', choices: '継続判断', width: 12 },
        { key: 'recordUrl', header: '記録URL', type: 'url', width: 30 },
        { key: 'remarks', header: '所見', type: 'text', width: 40, freeText: true },
      ],
    },
    {
      key: 'effects',
      name: '効果検証',
      since: 2,
      columns: [
        { key: 'caseId', header: '案件ID', type: 'caseRef', width: 10 },
        { key: 'aspect', header: '観点', type: 'choice', choices: '観点', required: true, essential: true, width: 8 },
        { key: 'indicator', header: '指標', type: 'text', required: true, width: 24, freeText: true },
        { key: 'unit', header: '単位', type: 'text', width: 8 },
        { key: 'baseline', header: '基準値', type: 'number', width: 10 },
        { key: 'target', header: '目標値', type: 'number', width: 10 },
        { key: 'actual', header: '実績値', type: 'number', width: 10 },
        { key: 'measuredOn', header: '測定日', type: 'date', width: 12 },
        { key: 'evidence', header: '根拠', type: 'text', width: 28, freeText: true },
        { key: 'remarks', header: '所見', type: 'text', width: 40, freeText: true },
      ],
    },
    {
      key: 'knowhow',
      name: '知見・ノウハウ',
      since: 2,
      columns: [
        { key: 'date', header: '記録日', type: 'date', required: true, essential: true, width: 12 },
        { key: 'theme', header: 'テーマ', type: 'text', required: true, width: 24, freeText: true },
        { key: 'content', header: '内容', type: 'text', required: true, width: 60, freeText: true },
        { key: 'caseIds', header: '関連案件', type: 'caseRefs', width: 16 },
        { key: 'meetingId', header: '関連会議', type: 'meetingRef', width: 10 },
      ],
    },
    {
      key: 'publicity',
      name: '広報記録',
      since: 2,
      columns: [
        { key: 'date', header: '掲載日', type: 'date', required: true, essential: true, width: 12 },
        { key: 'kind', header: '種類', type: 'choice', choices: '広報種類', required: true, essential: true, width: 12 },
        { key: 'medium', header: '媒体区分', type: 'choice', choices: '媒体区分', required: true, essential: true, width: 10 },
        { key: 'outlet', header: '媒体名', type: 'text', width: 24 },
        { key: 'meetingId', header: '会議ID', type: 'meetingRef', width: 10 },
        { key: 'recordUrl', header: '記録URL', type: 'url', width: 30 },
      ],
    },
    {
      key: 'permissions',
      name: '転載許可',
      since: 2,
      columns: [
        { key: 'work', header: '著作物', type: 'text', required: true, width: 28, freeText: true },
        { key: 'holder', header: '著作権者', type: 'text', width: 20 },
        { key: 'placement', header: '掲載箇所', type: 'text', width: 20 },
        { key: 'requestedOn', header: '申請日', type: 'date', width: 12 },
        { key: 'grantedOn', header: '許可日', type: 'date', width: 12 },
        { key: 'permitUrl', header: '許可書URL', type: 'url', width: 30 },
      ],
    },
    {
      key: 'narrative',
      name: '報告書本文',
      since: 2,
      columns: [
        { key: 'chapter', header: '章', type: 'choice', choices: '章', required: true, essential: true, width: 16 },
        { key: 'text', header: '本文', type: 'text', required: true, essential: true, width: 80, freeText: true },
      ],
    },
    {
      key: 'log',
      name: '実行ログ',
      rollover: 'empty',
      systemOnly: true,
      columns: [
        { key: 'at', header: '日時', type: 'text', width: 20 },
        { key: 'kind', header: '種類', type: 'text', width: 16 },
        { key: 'key', header: 'キー', type: 'text', width: 36 },
        { key: 'to', header: '宛先', type: 'text', width: 28 },
        { key: 'result', header: '結果', type: 'text', width: 10 },
        { key: 'detail', header: '詳細', type: 'text', width: 50 },
        { key: 'user', header: '実行者', type: 'text', width: 28 },
      ],
    },
  ],
  /**
   * The ダッシュボード tab: key figures against their targets and the report's charts, computed by the system from
   * the tabs above and protected like 実行ログ. Nothing on it is ever read as input, so it is not a tab of the
   * ledger; setupWorkbook creates it in Sheets (the local .xlsx has no live charts to keep).
   */
  dashboard: { key: 'dashboard', name: 'ダッシュボード', systemOnly: true },
  settings: [
    { key: 'programmeStart', name: '事業開始日', type: 'date', default: null, help: '事業の開始日（契約日）', rollover: 'period-start' },
    { key: 'programmeEnd', name: '事業終了日', type: 'date', default: '2025-03-31', help: '事業の終了日（§14）', rollover: 'period-end' },
    {
      key: 'pdDispatchStart',
      name: 'PD派遣開始日',
      type: 'date',
      default: null,
      help: '事業PDの派遣開始日（§10(4)）',
      rollover: 'next-year',
    },
    { key: 'pdBudgetDays', name: 'PD予算日数', type: 'count', default: 40, help: '事業PDの予算日数（§10(3)）' },
    { key: 'pdStandardHours', name: 'PD標準時間', type: 'hours', default: 7, help: '1日あたりの標準稼働時間（§10(3)）' },
    { key: 'expertMonthlyCap', name: '専門家月上限', type: 'count', default: 2, help: '専門家活用の月上限回数（§12(1)）' },
    { key: 'expertBudgetUses', name: '専門家予算回数', type: 'count', default: 18, help: '専門家活用の予算回数（§12(2)）' },
    { key: 'liaisonTarget', name: '連携会議目標回数', type: 'count', default: 3, help: '地域連携会議の年間開催目標（§6）' },
    { key: 'supportedTarget', name: '支援企業目標数', type: 'count', default: 5, help: '伴走支援企業数の目標（§4）' },
    { key: 'extraHolidays', name: '追加休日', type: 'dates', default: [], help: '営業日から除く日（カンマ区切り）', rollover: 'next-year' },
    {
      key: 'allowedDomains',
      name: '許可ドメイン',
      type: 'list',
      default: [],
      help: '利用を認めるGoogle Workspaceのドメイン（カンマ区切り）',
    },
    {
      key: 'ismapApprovedOn',
      name: 'ISMAP承認日',
      type: 'date',
      default: null,
      help: 'クラウド利用の承認日（§21）',
      rollover: 'clear',
      rolloverNote: 'クラウド利用の承認は契約ごとです。入力するまで、報告書の作成とメールの送信は止まります（§21）。',
    },
    {
      key: 'ismapApprover',
      name: 'ISMAP承認者',
      type: 'text',
      default: null,
      help: 'クラウド利用を承認した担当官（§21）',
      rollover: 'clear',
      rolloverNote: 'クラウド利用の承認は契約ごとです。入力するまで、報告書の作成とメールの送信は止まります（§21）。',
    },
    { key: 'reminderHour', name: 'リマインダー時刻', type: 'hour', default: 8, help: 'リマインダー送信の時（0〜23、Asia/Tokyo）' },
    { key: 'reportFolderId', name: '報告書フォルダID', type: 'text', default: null, help: '月次活動報告書を保存するDriveフォルダのID' },
    {
      key: 'programmeName',
      name: '事業名',
      type: 'text',
      default: null,
      help: '事業報告書の表紙に載せる事業名（§1）',
      rollover: 'clear',
      rolloverNote: '事業名は年度ごとです（例: 令和7年度…）。新しい年度の事業名を入力してください。',
      since: 2,
    },
    { key: 'regionName', name: '地域名', type: 'text', default: null, help: '支援の対象地域（例: 青森県）', since: 2 },
    { key: 'contractorName', name: '受託者名', type: 'text', default: null, help: '受託事業者の名称（事業報告書の表紙）', since: 2 },
    {
      key: 'fiscalYear',
      name: '年度',
      type: 'fiscalYear',
      default: null,
      help: '事業の年度（例: 2024、2024年度、令和6年度）。空欄なら事業開始日の年度',
      rollover: 'advance',
      since: 2,
    },
    {
      key: 'evaluationCriteriaApprovedOn',
      name: '評価基準承認日',
      type: 'date',
      default: null,
      help: '事業PDの評価基準を庁担当者が承認した日（§5.6(1)）',
      rollover: 'clear',
      rolloverNote: '事業PDの評価基準は年度ごとに庁担当者の承認を得ます（§5.6(1)）。承認を得た日を入力してください。',
      since: 2,
    },
    {
      key: 'pdAnnualPlanReceivedOn',
      name: 'PD年間計画受領日',
      type: 'date',
      default: null,
      help: '事業PDの年間事業計画・年間スケジュールを受け取った日（§5.4(1)）',
      rollover: 'clear',
      rolloverNote: '事業PDの年間計画は年度ごとに受け取ります（§5.4(1)）。受け取った日を入力してください。',
      since: 2,
    },
    {
      key: 'pdReportDueDays',
      name: 'PD月次報告期限',
      type: 'count',
      default: 5,
      help: '事業PDの月次報告書の受領期限（月末から何営業日後か、§5.4(1)）',
      since: 2,
    },
    {
      key: 'pdEvaluationDue',
      name: 'PD評価期限',
      type: 'date',
      default: null,
      help: '事業PDの評価を終える期限（§5.6(2)）。空欄なら事業終了日の前月の最終営業日',
      rollover: 'next-year',
      since: 2,
      withinProgramme: true,
    },
    {
      key: 'presentationEarliest',
      name: '成果発表会開始日',
      type: 'date',
      default: null,
      help: '成果発表会を開催できる最初の日（§7、令和6年度は2024-12-01）',
      rollover: 'next-year',
      since: 2,
      withinProgramme: true,
    },
    {
      key: 'deliveryDue',
      name: '納入期限',
      type: 'date',
      default: null,
      help: '事業報告書・権利関係書類の納入期限（§15）。空欄なら事業終了日',
      rollover: 'next-year',
      since: 2,
      withinProgramme: true,
    },
  ],
} as const;

export type Contract = typeof contract;
