/**
 * How plausible a decoding of undeclared East Asian bytes is. GB18030, Big5, EUC-KR and Shift_JIS
 * all decode each other's bytes without errors (Chinese read as EUC-KR gives Hangul and Hanja), so
 * error counts cannot choose between them; what the text turns into can. Real text in the right
 * charset is made mostly of that language's everyday characters; a wrong decoding gives a scatter of
 * rare ones. The sets below are everyday characters (and the words bounces use) for each language.
 */

// Everyday Simplified Chinese characters, and the words of Chinese NDRs.
const SIMPLIFIED =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向头文体政美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金指许统区保至便空决治展马科司五基书非则白界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死该交规万取拉格望觉术领共确传师观清今切院让识候带导争运改收根干造言联持组每济车亲极林服快办议往元英士证近失转令准布始怎存未远叫台单影具字爱击流备连调深商算质团集百需价花党华城石级整府离况请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功包片史委查轻易早曾除找装广显吧标谈图念六引历首局突专费号尽另周较注语仅考落青随选列红响虽推势参希古众构房半节土投某案黑维划致律足态护七兴派验责营星够章音跟志底站严例防族供效续施留讲型料终答紧黄绝察母京段依批群项故按河米围江织害境客纪采举密低朝友诉止细愿千值仍男钱破网热助倒育属坐限船职速刻乐否刚威状率甚独球般普怕校苦创假久错承印晚试股拿预谁益阳若哪微继送急适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢获模充负云停游树疑层冷洲冲略范竟句室异激汉村策演简卡判担州静退既您宗积余检差富协角占配征修胜降阶审善读超免压银买执副乱抗追帮宣岁航优怪香著田铁控税左右份穿艺背概块顿敢守托户款靠评版宝座释景顾登货互付换闻危忙核暗介坏讨良序升监临亮永呼味架域括误减编测败屋封救贵缺楼移画班智短恐遗固席秘谢遇康虑幸均销藏损旧端探录附吸予礼港板庭归额含顺输招婚脱补谓督材逐莫笔词择寻厂邮址箱递拒寄退详错误统址址您户栏附件抄送信息服务器邮箱域名账号帐号发件收件投递退回拒绝无法失败存在请检查确认详细原因时间主题系统管理员自动回复网络连接超时重试';

// Everyday Traditional Chinese characters, and the words of Chinese NDRs.
const TRADITIONAL =
  '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應向頭文體政美相見被利什二等產或新己制身果加西月話合回特代內信表化老給世位次度門任常先海通教原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活更別打女變四總何電數安少報才結反受目太量再感建務做接必場件計管期市直資命山金指許統區保至便空決治展馬科司五基書非則白界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運改收根造言聯持組每濟車親極林服快辦議往元英士證近失轉令準布始存未遠叫台單影具字愛擊流備連調深商算質團集百需價花黨華城石級整府離況請技際約示復病息究線似官火斷精滿支視消越器容照須增研寫稱企功包片史委查輕易早曾除找裝廣顯標談圖念引歷首局專費號盡另周較注語僅考落隨選列紅響雖推勢參希古眾構房半節投某案維劃致律足態護興派驗責營夠章音跟志底站嚴例防族供效續施留講型料終答緊絕察段依批群項故按圍織害境客紀採舉密低友訴止細願值仍錢破網熱助屬限職速刻否剛狀率獨般普創假久錯承印試預誰益若哪微繼送急適初喜衛源險待述習置財環排福納獲模充負停層略範句室異簡卡判擔既您積餘檢差協角佔配修降階審善讀超免壓買執副亂抗追幫宣航優怪控左右份背概塊頓守托戶款靠評版座釋顧登貨互付換聞危忙核介壞討良序升監臨永呼架域括誤減編測敗封救貴缺移畫班智短恐遺固席秘謝遇慮均銷藏損舊端探錄附吸予港板庭歸額含順輸招脫補謂督材逐筆詞擇尋郵址箱遞拒寄退詳誤統您附件副本寄件者收件者訊息伺服器網域帳號帳戶無法失敗存在請檢查確認詳細原因時間主旨系統管理員自動回覆網路連線逾時重試';

// Everyday Hangul syllables (Korean text is mostly these; Chinese read as EUC-KR gives rare ones).
const KOREAN =
  '이다는의에하고을를가지서한로니기습수사자나어도대시리인으해게보있내정일전송메주소받람신실패할없었경우확오류문제버원격낸용량초과계존재않못됩께요그것들적만부상관위여또후및등성드트스터크프회결면라까러거아마모무미바비세야장조중진차처체치타파표필합현화히날짜번호했된되될려분불선설속식안알양업연영예외운유음입잘저점종직참청추출통특편포학함행허형데물며던든려록롭르른름리린릴립맞매명목몇받발방배백벌법변별병복본봉빠사산살삼새색생서석섭소손수순숙스슬습승시신실심십아악안앞애액야약어억언얻엄없에여역연열염영옆예오온올옵와완왔외요욕용우운울움원월웹위유육윤은을음응의이익인일임입있자작잠장재저적전절점접정제조족존종좋주준중즉증지직진질짐집차착찰참창찾채책처천철첨첫청체초촉총최추축출충취측치친칙침칭카코쿠큰키타탁탄태택터테토통투트특틀파판팔패퍼페편평폐포폭표품프피필하학한할함합항해핵했행향허험헤혀현협형혜호혹혼홈화확환활황회획효후훈휴흐흔희히';

// Kanji Japanese bounces use often that are not written the same in Chinese (plus the shared ones above).
const JAPANESE_KANJI = '宛込続済変届様図読円駅関係覧欄払総権転単伝証際広検査対応専売営働楽気発録戻送信配達拒否認確先無効期限容量超過合計件名差出人受取住所設定変更削除保存表示登録照会処理完了失敗不明障害一時的再試行管理者連絡場合以下以上内容詳細原因';

const SIMPLIFIED_SET = new Set(SIMPLIFIED);
const TRADITIONAL_SET = new Set(TRADITIONAL);
const KOREAN_SET = new Set(KOREAN);
const JAPANESE_SET = new Set([...JAPANESE_KANJI, ...SIMPLIFIED, ...TRADITIONAL]);

function isKana(c: number): boolean {
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc;
}

/** Characters that count for or against a decoding: letters beyond ASCII, not spaces or punctuation. */
function counts(c: number): boolean {
  if (c < 0x80 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff20)) return false;
  return !(c >= 0x80 && c <= 0xbf);
}

/**
 * Share (0–1) of the decoded text's non-ASCII letters that are everyday characters of the language
 * `charset` is used for. Replacement characters count against it.
 */
export function cjkPlausibility(text: string, charset: string): number {
  const set =
    charset === 'gb18030' || charset === 'gbk' || charset === 'gb2312'
      ? SIMPLIFIED_SET
      : charset === 'big5'
        ? TRADITIONAL_SET
        : charset === 'euc-kr'
          ? KOREAN_SET
          : JAPANESE_SET;
  const japanese = set === JAPANESE_SET;
  let total = 0;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (!counts(c)) continue;
    total++;
    if (set.has(ch) || (japanese && isKana(c))) good++;
  }
  return total ? good / total : 0;
}
