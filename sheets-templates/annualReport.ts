/**
 * The 事業報告書's outline (spec §15(1)) as data: its chapters and ①-⑪ in the spec's order and words, and the
 * annex of §15(2). src/domain/annualReport lays the report out from it. Plain data only: the spec's words
 * name things the workbook also has tabs for (効果検証), so they live here, with the contract, not in the domain.
 */
export const annualReportOutline = {
  title: '事業報告書',
  /** The narrative chapters, each written in 報告書本文 under the 章 of the same name. */
  chapters: [
    { no: '1', chapter: '事業目的', title: '事業目的' },
    { no: '2', chapter: '事業概要', title: '事業概要' },
    { no: '3', chapter: '運営体制', title: '事業の運営体制' },
    { no: '4', chapter: '実施内容及び結果', title: '事業の実施内容及び結果' },
  ],
  /** §15(1) ①-⑪. */
  items: [
    { no: '①', title: '事業PDが作成した月次報告書' },
    { no: '②', title: '事業PDの評価基準、事業PDの評価結果及び評価結果を得るために実施したヒアリング等のメモ' },
    { no: '③', title: '事業PDの活動の効果検証に関する資料及び検証結果' },
    { no: '④', title: '事業PD派遣によって得られた知識・ノウハウ' },
    { no: '⑤', title: 'プロデューサーチームの活動状況とその成果' },
    { no: '⑥', title: '本事業における「伴走支援」、「連携強化」、「情報発信・PR活動」で得られた成果' },
    { no: '⑦', title: '月次連絡会にて使用した資料及び議事概要' },
    { no: '⑧', title: '地域知財経営支援ネットワークの実務者向け支援検討会及び研修会にて使用した資料及び議事概要' },
    { no: '⑨', title: 'PDチーム内会議にて使用した資料及び議事概要' },
    { no: '⑩', title: '地域の連携会議の概要、当該会議にて使用した資料及び議事録、ご意見や提言等' },
    { no: '⑪', title: 'その他、事業の執行状況を把握するために有効であるとして庁担当者が指示したもの' },
  ],
  /** ⑦-⑩: the meetings of each, by 種別. */
  meetingItems: [
    { no: '⑦', types: ['月次連絡会'] },
    { no: '⑧', types: ['支援検討会', '研修会'] },
    { no: '⑨', types: ['PDチーム内会議'] },
    { no: '⑩', types: ['地域連携会議'] },
  ],
  /** ⑪ is written in 報告書本文 under this 章. */
  otherChapter: 'その他',
  /** §15(2). */
  annex: { no: '別紙', title: '権利関係書類（転載許可を得た著作物の一覧）' },
} as const;
