/**
 * The usual reasons as mail systems word them in other languages (Russian, German, Polish,
 * Portuguese, Spanish, Italian, French, Dutch, Chinese, Japanese, Korean): the vendors' own phrases for
 * "unknown user", "mailbox full", "account disabled", "message too large", and for "delayed".
 * Regular-expression sources; `S` is phrases.ts's within-one-sentence character.
 */
export function localizedReasons(S: string): Record<string, string[]> {
  // A domain name, as Exchange's new layout names the recipient's domain in "<name> wasn't found at <domain>".
  const D = String.raw`[\w-]+(?:\.[\w-]+)+`;
  return {
    '5.2.2': [
      String.raw`(?:ящик|ящика)${S}{0,20}переполнен|превыш\w*\s+(?:квот|лимит|размер)|недостаточно\s+места`,
      String.raw`(?:postfach|mailbox|posteingang)${S}{0,20}\bvoll\b|(?:speicherplatz|quota|kontingent)${S}{0,20}(?:überschritten|erschöpft)`,
      String.raw`skrzynk\w*${S}{0,30}(?:pełna|przepełnion)|przekroczon\w*\s+(?:limit|quot|pojemno)|brak\s+miejsca`,
      String.raw`caixa${S}{0,40}(?:cheia|lotada)|(?:cota|quota)${S}{0,20}(?:excedida|esgotada)|espa[çc]o\s+insuficiente`,
      String.raw`buz[óo]n${S}{0,30}llen[oa]|cuota${S}{0,20}(?:excedida|superada)|(?:excedido|superado)\s+(?:la\s+)?cuota`,
      String.raw`(?:casella|cassetta\s+postale)${S}{0,40}piena|quota${S}{0,20}superata|superato\s+(?:la\s+)?quota|spazio\s+(?:su\s+disco\s+)?insufficiente`,
      String.raw`bo[iî]te${S}{0,40}pleine|quota${S}{0,20}d[ée]pass[ée]|espace\s+(?:disque\s+)?insuffisant`,
      // Swedish and Dutch: Exchange's "the recipient's mailbox is full" (Mottagarens postlåda är full, Het postvak … is vol), and servers' "Brevlådan är full".
      String.raw`(?:post|brev)l[åa]d\w*${S}{0,30}\bfull\b|kvot${S}{0,20}överskr`,
      String.raw`(?:postvak|postbus|mailbox)${S}{0,40}\bvol\b|(?:quotum|quota)${S}{0,20}overschreden`,
      String.raw`(?:邮箱|郵箱|信箱|空间|空間|容量)[^。\n]{0,6}(?:已满|已滿|不足)|超[过過出](?:了)?(?:配额|配額|容量|限额|限額)`,
      String.raw`(?:メール\s?ボックス|容量)[^。\n]{0,8}?(?:一杯|いっぱい|満杯)|容量(?:制限)?(?:を)?(?:超え|超過|オーバー)|容量が不足`,
      String.raw`(?:사서함|메일함|편지함)(?:\s?용량)?[이가은는]?\s?가득|용량[을이]?\s?(?:초과|부족)|저장\s?공간이\s?부족`,
    ],
    '5.2.1': [
      String.raw`(?:konto|postfach)${S}{0,30}(?:gesperrt|deaktiviert|stillgelegt)|konto\s+(?:zablokowane|nieaktywne|wyłączone)`,
      String.raw`(?:cuenta|conta|account)${S}{0,20}(?:suspendida|desactivada|inactiva|desativada|suspensa|bloqueada|disattivato|sospeso)`,
      // Latin American providers close an unused box: "Esta casilla ha expirado por falta de uso".
      String.raw`(?:casilla|buz[óo]n|cuenta)${S}{0,20}(?:ha\s+)?(?:expirad[oa]|caducad[oa]|dad[oa]\s+de\s+baja)`,
      String.raw`(?:compte|bo[iî]te)${S}{0,30}(?:bloqu[ée]e?|archiv[ée]e?|d[ée]sactiv[ée]e?|suspendue?)`,
      String.raw`(?:账户|帐户|帳戶|账号|帐号|帳號|邮箱|郵箱|信箱)[^。\n]{0,4}(?:冻结|凍結|停用)|(?:계정|메일함|사서함)이\s?(?:정지|비활성|중지|휴면)|휴면\s?(?:계정|상태)|(?:アカウント|メール\s?ボックス)(?:が|は)?(?:停止|無効)`,
      String.raw`(?:brevl[åa]d|postl[åa]d|konto)\w*${S}{0,20}(?:inaktiverad|avstängd|spärrad)`,
    ],
    '5.1.1': [
      String.raw`нет\s+такого\s+(?:пользователя|адреса|ящика)|(?:пользовател\w*|адрес\w*|получател\w*|ящик\w*)${S}{0,40}не\s+(?:найден|существует)|неизвестн\w*\s+(?:пользовател|адрес|получател)|почтов\w+\s+ящик${S}{0,60}недоступен`,
      String.raw`(?:benutzer|empfänger|adresse|postfach|mailbox|konto)${S}{0,30}(?:unbekannt|existiert\s+nicht|nicht\s+vorhanden)|unbekannte[rn]?\s+(?:benutzer|empfänger|adresse)|(?:e-mail-)?adresse${S}{0,30}(?:wurde\s+)?nicht\s+gefunden`,
      String.raw`nieznan\w*\s+(?:użytkownik|adresat|odbiorc)|(?:użytkownik|konto|adres|skrzynka|odbiorca)${S}{0,30}nie\s+istnieje|brak\s+(?:takiego\s+)?(?:użytkownika|adresata|konta)|nie\s+(?:można|udało\s+się)\s+(?:odnaleźć|znaleźć)${S}{0,30}adres|nie\s+znaleziono\s+(?:adresu|adresata|odbiorcy|użytkownika)`,
      String.raw`(?:usu[áa]rio|utilizador|destinat[áa]rio|conta|endere[çc]o|caixa\s+postal)${S}{0,30}(?:desconhecid[oa]|inexistente|n[ãa]o\s+existe|n[ãa]o\s+(?:foi\s+)?encontrad[oa])`,
      String.raw`(?:usuario|destinatario|cuenta|direcci[óo]n|buz[óo]n)${S}{0,30}(?:desconocid[oa]|inexistente|no\s+existe)|no\s+se\s+(?:encontr[óo]|pudo\s+encontrar|ha\s+(?:podido\s+)?encontrado?)${S}{0,20}(?:la\s+|el\s+)?(?:direcci[óo]n|destinatario|usuario|buz[óo]n)`,
      String.raw`(?:utente|destinatario|casella|indirizzo)${S}{0,30}(?:sconosciut[oa]|inesistente|non\s+esiste|non\s+(?:è\s+stat[oa]\s+)?trovat[oa])|impossibile\s+trovare${S}{0,20}(?:indirizzo|destinatario|utente|casella)`,
      String.raw`(?:utilisateur|destinataire|adresse|bo[iî]te\s+aux\s+lettres|compte)${S}{0,45}(?:inconnue?|inexistante?|introuvable|invalide|n'existe\s+pas)`,
      String.raw`(?:gebruiker|ontvanger|geadresseerde|adres)${S}{0,30}(?:onbekend|bestaat\s+niet|niet\s+(?:is\s+)?gevonden)|onbekende\s+(?:gebruiker|ontvanger)`,
      // Swedish: Exchange's "the address you entered couldn't be found" (Det gick inte att hitta e-postadressen).
      String.raw`(?:adress|mottagar|användar|brevl[åa]d|postl[åa]d)\w*${S}{0,30}(?:hittades\s+inte|inte\s+hittades|finns\s+inte|inte\s+finns|okänd)|(?:gick\s+inte\s+att|kunde\s+inte)\s+hitta${S}{0,20}(?:e-post)?(?:adress|mottagar|användar)`,
      String.raw`(?:用户|用戶|收件人|收件者|帐号|账号|帳號|账户|帳戶|邮箱|郵箱|信箱|地址)(?:名)?不存在|[无無]此(?:用户|用戶|帐号|帳號)|查[无無]此人|找不到[^。\n]{0,12}(?:地址|位址|收件者|收件人|用户|用戶)`,
      // Exchange's new layout: "<name> wasn't found at <domain>." in each language (ja, zh, ko, fr, sv, de, es, it, pt, nl, pl).
      String.raw`${D}\s*で見つかりませんでした|在\s*${D}\s*上?找不到|${D}\s*에서\s*[^\n]{0,40}찾을\s?수\s?없`,
      String.raw`introuvable\s+(?:sur|dans)\s+${D}|hittades\s+inte\s+(?:på|i)\s+${D}|wurde\s+(?:bei|auf|in)\s+${D}\s+nicht\s+gefunden`,
      String.raw`no\s+se\s+encontr[óo]\s+(?:a\s+)?\S+\s+en\s+${D}|non\s+è\s+stat[oa]\s+trovat[oa]\s+(?:in|su)\s+${D}|n[ãa]o\s+foi\s+encontrad[oa]\s+(?:em|no|na)\s+${D}`,
      String.raw`niet\s+gevonden\s+(?:op|in|bij)\s+${D}|nie\s+znaleziono\s+\S+\s+(?:w|na)\s+${D}`,
      String.raw`宛先不明|(?:アドレス|アカウント)(?:は|が)?(?:現在)?使用されていません|存在しない(?:ユーザ|アドレス|宛先|メールアドレス)|(?:ユーザー?|アドレス|宛先|アカウント|メール\s?ボックス)(?:は|が)?(?:存在しません|存在しない(?!か)|見つかりません|見つからない(?!か))`,
      String.raw`존재하지\s?않는\s?(?:사용자|계정|주소|메일|수신자|받는\s?사람)|(?:사용자|계정|주소|수신자|받는\s?사람)[가이를을]?\s?(?:존재하지\s?않|없습니다|찾을\s?수\s?없)|없는\s?(?:사용자|계정|주소)`,
    ],
    // A message the recipient's side blocked, as Gmail's report says it in each language ("Message blocked"): a refusal by
    // policy, whose reason the report's technical part gives.
    '5.7.1': [
      String.raw`(?:メール|メッセージ)はブロックされました|메시지가\s?차단되었|(?:郵件|邮件)已(?:遭|被)(?:封鎖|封锁|阻止|攔截|拦截)|\ba\s+été\s+bloqué|\bhar\s+blockerats\b`,
    ],
    // A failed SPF check, as Exchange Online's new layout says it above its status code ("SPF 検証エラー", "SPF 유효성 검사
    // 오류", "SPF 驗證錯誤", "… verification SPF a échoué"): what a report that gives no code says of 5.7.23.
    '5.7.23': [
      String.raw`SPF[^。\n]{0,60}(?:検証|チェック)(?:に失敗|エラー)|SPF[^.\n]{0,60}(?:검사|검증|유효성\s?검사)(?:에\s?실패|\s?오류)|SPF[^。\n]{0,40}(?:驗證|验证|檢查|检查)(?:失敗|失败|錯誤|错误)`,
      String.raw`(?:échec|erreur)\s+(?:de\s+(?:la\s+)?)?(?:validation|vérification)\s+SPF|SPF[^.\n]{0,60}\ba\s+échoué|SPF-(?:kontrollen|valideringen|verifieringen)\s+misslyckades|SPF-valideringsfel|SPF-(?:Überprüfung|Prüfung|Validierung)\s+(?:ist\s+)?fehlgeschlagen|SPF-Validierungsfehler`,
    ],
    '5.3.4': [
      String.raw`nachricht\s+(?:ist\s+)?zu\s+gro(?:ß|ss)|trop\s+volumineu|(?:mensaje|mensagem|messaggio)${S}{0,20}(?:demasiado|muito|troppo)\s+grande`,
      String.raw`(?:メッセージ|メール)の?(?:サイズ|容量)(?:が|は)?(?:大きすぎ|上限を超え|制限を超え)|(?:메시지|메일)\s?(?:크기|용량)(?:가|이)?\s?(?:너무\s?(?:큽|크)|제한을\s?초과|초과)|(?:邮件|郵件)(?:大小|尺寸)(?:超过|超過|超出)`,
      String.raw`meddelande\w*${S}{0,20}\bför\s+stor`,
    ],
    // A recipient domain nobody could find, in the languages reports are written in ("宛先のドメインが見つかりません",
    // "도메인을 찾을 수 없습니다", "域名不存在", "domaine introuvable", "Domänen hittades inte"), and as Gmail's report
    // names it ("ドメイン x が見つからなかったため", "le domaine x est introuvable", "domänen x inte hittades").
    '5.1.2': [
      String.raw`ドメイン\s*(?:${D}\s*)?(?:が|は)?(?:見つかりません|見つからなかった|存在しません|存在しない(?!か))|도메인[을이가]?\s?(?:찾을\s?수\s?없|존재하지\s?않)|(?:域名|網域|网域)[^。\n]{0,4}(?:不存在|无法解析|無法解析)|找不到[^。\n]{0,6}(?:域名|網域|网域)`,
      String.raw`domaine${S}{0,40}(?:introuvable|inexistant|inconnu|n'existe\s+pas)|dom[äa]n(?:en)?${S}{0,40}(?:hittades\s+inte|inte\s+hittades|finns\s+inte|inte\s+finns|okänd)|domain${S}{0,40}(?:existiert\s+nicht|nicht\s+gefunden|unbekannt)|dominio${S}{0,40}(?:no\s+existe|inexistente|desconocido|no\s+se\s+(?:ha\s+)?encontr)`,
    ],
  };
}

/** "Will be tried again" in other languages: said only of mail still being delivered. */
export const LOCALIZED_RETRY = [
  String.raw`wird\s+(?:weiter(?:hin)?\s+)?(?:erneut\s+)?versucht`,
  // Gmail's "Gmail will retry for 47 more hours" and servers' "will try again" in the other languages; the
  // requests to the reader ("再試行してください", "다시 시도하세요", "försök igen") are not among them.
  String.raw`再試行(?:します|されます)|(?<![不未])(?:將|将|會|会)(?:再次)?(?:重試|重试|嘗試|尝试)|(?:다시\s?시도|재시도)(?:합니다|됩니다|할\s?예정)`,
  String.raw`(?<!\bne\s)\b(?:réessaiera|tentera\s+(?:à\s+nouveau|de\s+nouveau)|continuera\s+(?:à|d')\s*essayer)|kommer\s+att\s+försöka\s+igen|\bförsöker\s+igen\b`,
  String.raw`(?<!\b(?:no|non|não|nie)\s)(?:volver[áa]\s+a\s+intentar|intentar[áa]\s+de\s+nuevo|seguir[áa]\s+intentando|riprover[àa]|tentar[áa]\s+novamente|continuar[áa]\s+tentando|ponowi\s+pr[óo]b)|zal\s+het\s+opnieuw\s+proberen`,
].join('|');

/** "Delayed" in other languages: counts when the same line speaks of mail (see LOCALIZED_MAIL). */
export const LOCALIZED_DELAYED = String.raw`fördröjts|fördröjd|försenad|vertraagd|verzögert|retard[ée]e?\b|diff[ée]r[ée]e?\b|retrasad[oa]|ritardat[oa]|opóźnion|atrasad[oa]|задерж|遅延|延迟|延遲|지연`;

/** Words for a message or its delivery in other languages. */
export const LOCALIZED_MAIL = String.raw`leverans|meddelande|bezorging|bericht|nachricht|zustellung|courrier|remise|mensaje|entrega|messaggio|consegna|recapito|wiadomo|dostarcz|mensagem|сообщени|доставк|メール|配信|邮件|郵件|投递|投遞|傳遞|메일|메시지|전달|배달`;

/**
 * "Could not", "failed", "refused" in other languages: a sentence with one of them reads as a reason for a
 * recipient named below it ("…受信拒否設定によりお届けできませんでした。", "…메일을 전달하지 못했습니다.").
 */
export const LOCALIZED_FAILURE = [
  String.raw`できませんでした|できません|失敗|拒否|届きません|届けられません|無法|无法|未能|拒收|拒絕|拒绝|失败|실패|못했|할\s?수\s?없|거부`,
  String.raw`\bimpossible\b|échec\b|échoué|\brefusé|\brejeté|n'a\s+pas\s+pu|\bkunde\s+inte\b|misslyckades|\bavvisa|\bnekades\b`,
  String.raw`\bkonnte\s+nicht\b|fehlgeschlagen|abgelehnt|\bno\s+se\s+pudo\b|rechazad|non\s+è\s+stato\s+possibile|impossibile|rifiutat|n[ãa]o\s+foi\s+poss[íi]vel|recusad|nie\s+(?:można|udało)|odrzucon|не\s+удалось|отклонен|невозможно`,
].join('|');
