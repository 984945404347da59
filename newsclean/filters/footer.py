"""Footers and page furniture: share buttons, cookie and newsletter prompts, ads, copyright, and the tail
that follows an end-of-article marker such as `Source link`."""

from __future__ import annotations

import re

from newsclean.document import Document, Line
from newsclean.filters.base import STRIPPED, Filter, PatternFilter, RuleSet
from newsclean.filters.dates import timestamp_kind
from newsclean.filters.features import cell_text, is_headline, word_count

# Lines after which the rest of the page is aggregator furniture, not article.
END_MARKERS: tuple[tuple[str, str], ...] = (
    ("source link", r"(?:Source\s+link|Original\s+source|Source\s+URL)s?:?"),
    (
        "recommendations",
        r"(?:You\s+(?:may|might)|We\s+think\s+you(?:'ll|’ll|\s+will|\s+might))"
        r"(?:\s+also)?\s+(?:like|enjoy|be\s+interested\s+in)(?:\s+this)?\s*[:.]?",
    ),
    (
        "comment form",
        r"Leave\s+a\s+(?:Reply|Comment)(?:\s+Cancel\s+reply)?|Post\s+a\s+Comment|Add\s+a\s+comment"
        r"|Kommentar\s+(?:schreiben|verfassen|hinterlassen)|Deja\s+(?:un|tu)\s+comentario"
        r"|Laisser\s+un\s+commentaire|Dodaj\s+komentarz|Lascia\s+un\s+commento"
        r"|(?:Hinterlasse|Schreibe)\s+(?:jetzt\s+|doch\s+)?einen\s+Kommentar",
    ),
    (
        "comments",
        r"(?:\d+|No|One|Keine|Ein|Sin|Aucun|Brak|Nessun)\s+(?:Comments?|Kommentare?|Comentarios?|Commentaires?"
        r"|Komentarz[ey]?|Commenti|Responses?|Replies|thoughts?\s+on\b.*|(?:responses?|Antworten|Kommentare)\s+(?:to|zu)\b.*)"
        r"|(?:Comments?|Kommentare)\s*\(\d+\)|(?:View|Show|Load)\s+(?:all\s+)?comments|Kommentare(?:\s+insgesamt)?:"
        r"|Comments?|Kommentare|Comentar(?:ios)?|Commentaires|Commenti|Komentarze|Reacties|Comentários",
    ),
    (
        "related posts",
        r"(?:Related\s+(?:Posts?|Articles?|Stories|Reads|Content|Coverage|Links)|Ähnliche\s+(?:Artikel|Beiträge)"
        r"|Verwandte\s+(?:Artikel|Beiträge|Themen))\s*:?",
    ),
    (
        "paywall",
        r"(?:This\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:for|available\s+(?:to|for))\s+(?:paid\s+|paying\s+)?"
        r"(?:subscribers|members)|Subscribe\s+to\s+(?:continue|keep)\s+reading|Dieser\s+(?:Artikel|Beitrag)\s+ist\s+"
        r"(?:nur\s+)?für\s+(?:Abonnenten|Abonnentinnen)|[［\[【]?(?:有料)?会員限定[］\]】]).{0,150}",
    ),
    (
        "post navigation",
        r"Post\s+navigation|Previous\s+(?:Post|Article)|Next\s+(?:Post|Article)|Beitragsnavigation",
    ),
)

_PLATFORM = r"(?:Facebook|Twitter|X|Instagram|LinkedIn|YouTube|TikTok|Telegram|WhatsApp|Threads|Google\s+News)"
BOILERPLATE: tuple[tuple[str, str], ...] = (
    (
        "comment form",
        r"Your\s+email\s+address\s+will\s+not\s+be\s+published\.?.*"
        r"|Required\s+fields\s+are\s+(?:marked|indicated)\b.*|Cancel\s+reply|Comments\s+are\s+closed\.?"
        r"|Save\s+my\s+name,\s+email.*|(?:Ihre|Deine)\s+E-Mail-Adresse\s+wird\s+nicht\s+veröffentlicht\.?.*"
        r"|Antworten\s+abbrechen|Tu\s+dirección\s+de\s+correo\s+electrónico\s+no\s+será\s+publicada\.?.*"
        r"|Votre\s+adresse\s+(?:e-?mail|de\s+messagerie)\s+ne\s+sera\s+pas\s+publiée\.?.*"
        # prompts over a comment box, and the note on required fields
        r"|Write\s+a\s+comment|Kommentar\s+hinzufügen|Kommentieren\s+Sie(?:\s+(?:hier|jetzt))?|Publier\s+un\s+commentaire"
        r"|Escribe\s+(?:un|tu)\s+comentario|Antwort\s+abbrechen"
        r"|(?:(?:Hinterlasse|Schreibe)\s+einen\s+Kommentar|Kommentar\s+(?:schreiben|verfassen|hinterlassen))\s+Antwort(?:en)?"
        r"\s+abbrechen"
        r"|Erforderliche\s+Felder\s+sind\s+mit\s+\*?\s*markiert\.?|Los\s+campos\s+obligatorios\s+están\s+marcados.{0,20}"
        r"|Les\s+champs\s+obligatoires\s+sont\s+indiqués.{0,20}|Was\s+denkst\s+du\?|Ihre\s+Meinung\s+zu\s+diesem\s+Thema\??"
        r"|What\s+do\s+you\s+think\?|Give\s+us\s+(?:your\s+)?feedback\b.{0,80}|(?:Verraten|Schreiben|Sagen)\s+Sie\s+(?:es\s+)?(?:uns\s+)?(?:gerne\s+)?in\s+den"
        r"\s+Kommentaren\b.{0,150}|(?:Let\s+us\s+know|Tell\s+us)\s+(?:what\s+you\s+think\s+)?in\s+the\s+comments\b.{0,100}|Para\s+comentar\s+(?:debes|tienes\s+que)\s+(?:registrarte|iniciar\s+sesión)\b.{0,100}",
    ),
    (
        "share buttons",
        r"(?:Share|Tweet|Pin|Email|Print)(?:\s+(?:this|it|the\s+article|this\s+(?:article|story|post"
        r"|page)))?(?:\s+(?:on|via|with)\s+\w+(?:\s+\w+)?)?\s*[:!]?"
        r"|Like\s+this:?|Like\s+Loading\.*|Loading\.\.\.|Click\s+to\s+share\s+on\s+\w+.*"
        r"|(?:Teilen|Teile\s+(?:diesen|den)\s+(?:Artikel|Beitrag)|Compartir|Partager|Condividi|Udostępnij|Delen"
        r"|Drucken|Imprimir|Imprimer)(?:\s+(?:mit|en|sur|su|on|auf)\s+\w+)?\s*:?"
        r"|Gefällt\s+mir:?|(?:Dowiedz\s+się\s+więcej|Inf[oó]rmate\s+más|Mehr\s+erfahren|Erfahre(?:n\s+Sie)?\s+mehr|Entdecken\s+Sie\s+(?:jetzt|mehr)|Learn\s+more|En\s+savoir\s+plus)"
        r"\s*[.:…»>]*|Podziel\s+się(?:\s+(?:na|przez)\s+\w+)?|Udostępnij\s+(?:na|przez)\s+\w+"
        r"|(?:この(?:ニュース|記事)を)?シェア(?:する)?|分享(?:到|至)?\S{0,12}|【纠错】|【?责任编辑\s*[:：]\S{0,12}】?|】"
        r"|Per\s+E-Mail\s+(?:teilen|versenden)|Bild\s+anzeigen(?:\s+Bild\s+schließen)?|(?:Wird\s+geladen|Cargando|Chargement)\s*(?:\.\.\.|…)?"
        r"|Teilen\s+Sie\s+(?:dies|diesen\s+(?:Artikel|Beitrag))(?:\s+mit)?\s*:?"
        r"|Teile\s+diesen\s+(?:Artikel|Beitrag)(?:\s+auf\s+\S+(?:\s+Media)?)?[.:]?|Mit\s+anderen\s+teilen"
        r"|(?:Dir|Ihnen)\s+hat\s+(?:der|dieser)\s+(?:Artikel|Beitrag)\s+gefallen\?.{0,60}"
        # Blogger's bar `Email ThisBlogThis!Share to TwitterShare to Facebook`, `Beitrag teilen`
        r"|(?:Email\s+This\s*)?BlogThis!\s*(?:Share\s+to\s+\w+\s*)*|(?:Diese\s+Geschichte|Beitrag|Artikel|Seite)\s+teilen"
        r"|Folge\s+uns(?:\s+auch)?(?:\s+(?:auf|in)\b.{0,100})?",
    ),
    (
        "login prompt",  # `＞ ログイン`, `Sign in`, `ご利用には会員登録が必要です`, `会員の方はこちら`
        r"[>＞»]?\s*(?:Log\s*in|Sign\s*in|Sign\s+up|Register|Anmelden|Einloggen|Registrieren|Iniciar\s+sesión"
        r"|Registrarse|Connexion|Se\s+connecter|S'inscrire|Accedi|Registrati|Zaloguj(?:\s+się)?|ログイン|新規会員登録"
        r"|会員登録|登录|注册|로그인|회원가입)\s*[>＞»]?"
        r"|(?:Save|Bookmark)(?:\s+(?:this\s+)?(?:article|story))?(?:\s+for\s+later)?|Artikel\s+merken|(?:記事|Evernote)保存"
        r"|(?:Jetzt\s+|Hier\s+)?kostenlos\s+(?:registrieren|anmelden)(?:\s+und\s+weiterlesen)?\s*[.!»]?"
        r"|(?:Schon|Bereits)\s+registriert\?\s*(?:Hier\s+|Jetzt\s+)?(?:einloggen|anmelden)?"
        r"|Already\s+(?:a\s+(?:member|subscriber)|registered|have\s+an\s+account)\?\s*(?:Log\s+in|Sign\s+in)?\.?",
    ),
    (
        "follow prompt",
        r"(?:Follow|Find|Join|Folgen\s+Sie|Folge|Síguenos|Siguenos|Suivez|Seguici|Obserwuj)(?:\s+\S+){0,4}?"
        r"\s+(?:on|auf|en|sur|su|na)"
        r"(?:\s+" + _PLATFORM + r"(?:[ ,]+(?:and|und|y|et|e|i)?\s*" + _PLATFORM + r")*)?"
        r"(?:\s+(?:para|to|um|pour|per)\s+[^.!?]{1,100})?[.!:]?"  # `… y Twitter para recibir …`
        r"|(?:(?:and|und|y|et|e|i)\s+)?" + _PLATFORM + r"[,.]?",  # a follow prompt broken over lines: `Telegram,`
    ),
    (
        "copyright",
        r"(?:Copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4}).{0,350}"
        r"|This\s+(?:article|content|story|material)\s+is\s+the\s+copyrighted\s+property\s+of\b.{0,100}"
        r"|Materiał\s+chroniony\s+prawem\s+autorskim\b.{0,150}"
        r"|(?:Written\s+)?permission\s+must\s+be\s+obtained\s+before\s+(?:reprint|reproduc|republish).{0,100}"
        r"|\(?Alle\s+Angaben\s+ohne\s+Gewähr[.!]?\)?|Sofern\s+nicht\s+anders\s+(?:ausgewiesen|angegeben|vermerkt)\b.{0,200}"
        r"|Änderungen\s+und\s+Irrtümer\s+vorbehalten\.?",
    ),
    (
        "subscribe prompt",
        r"Click\s+here\s+to\s+(?:subscribe|sign\s+up|register|read\s+more|download|join|get)\b.{0,150}"
        r"|(?:Subscribe|Sign\s+up|Register)\s+(?:now|today|here)\b.{0,100}"
        r"|To\s+(?:view|read|continue\s+reading)\s+the\s+(?:full|whole|rest\s+of\s+the)\s+(?:story|article)\b.{0,120}"
        r"|If\s+you(?:'re|’re|\s+are)\s+(?:seeing\s+this\s+message|already\s+a\s+subscriber)\b.{0,200}"
        r"|Pour\s+(?:lire\s+la\s+suite|accéder\s+en\s+illimité|continuer\s+à\s+lire)\b.{0,150}"
        r"|Sie\s+sind\s+(?:aktuell\s+|derzeit\s+)?nicht\s+(?:eingeloggt|angemeldet)\.?"
        r"|(?:Exklusiv|Nur)\s+für\s+Abonnenten.{0,80}|Jetzt\s+(?:abonnieren|weiterlesen|registrieren)\b.{0,80}"
        r"|(?:Hazte|Hágase)\s+(?:miembro|socio|suscriptor)\b.{0,100}|Suscríbete\b.{0,100}|Abonnez-vous\b.{0,100}"
        r"|Zapraszamy\s+(?:też\s+)?do\s+subskrypcji.{0,200}"
        r"|Sign\s+up\s+(?:to|for)\s+(?:get|receive|our)\b.{0,150}",
    ),
    (
        "newsletter",
        r"Enter\s+your\s+email(?:\s+address)?.{0,80}|(?:Zum|Für\s+den)\s+Newsletter\s+(?:anmelden|abonnieren).{0,60}"
        r"|Subscribe\s+to\s+(?:email\s+updates|our\s+(?:RSS\s+feed|feed|mailing\s+list)|.{1,60}\s+via\s+(?:RSS|e-?mail)\b.{0,60})"
        r"|Receive\s+our\s+(?:daily|weekly|monthly)\s+newsletter\b.{0,150}|RSS-Feed\s+abonnieren"
        r"|Um\s+neue\s+Beiträge\s+per\s+E-Mail\s+zu\s+erhalten\b.{0,100}"
        r"|Wir\s+informieren\s+Sie\s+(?:täglich|wöchentlich|regelmäßig)\b.{0,150}",
    ),
    (
        "cookie notice",
        r"(?:We|This\s+(?:web)?site|Our\s+(?:web)?site)\s+uses?\s+cookies\b"
        r"(?=.{0,300}?\b(?:experience|accept|agree|consent|privacy|policy|settings|brows|continu"
        r"|analytic|personali[sz]))"
        r".{0,300}"
        r"|(?:Accept|Reject|Allow)\s+(?:all\s+)?cookies|Cookie\s+(?:settings|policy|preferences|consent)"
        r"|(?:Wir|Diese\s+(?:Web)?[Ss]eite)\s+(?:verwendet|verwenden|nutzt|nutzen)\s+Cookies\b.{0,300}"
        r"|(?:Este\s+sitio(?:\s+web)?\s+utiliza|Utilizamos)\s+cookies\b.{0,300}"
        r"|(?:Ce\s+site|Nous)\s+utilis(?:e|ons)\s+(?:des\s+)?cookies\b.{0,300}",
    ),
    (
        "javascript notice",
        r"(?:(?:You\s+(?:need|have)\s+to|Please)\s+enable\s+JavaScript|JavaScript\s+(?:is\s+)?(?:disabled|required)"
        r"|Bitte\s+aktivieren\s+Sie\s+JavaScript|(?:Veuillez\s+)?activer\s+JavaScript|Activa\s+JavaScript)\b.{0,150}",
    ),
    (
        "advertisement",
        r"(?:Advertisements?|ADVERTISEMENT)\s*:?|Affiliate-?[Ll]inks?|Sponsored(?:\s+content)?|Paid\s+(?:content|post)|Skip\s+ad"
        r"|Story\s+continues\s+below(?:\s+advertisement)?|Scroll\s+to\s+continue(?:\s+with\s+content)?"
        r"|Continue\s+reading\s+(?:the\s+main\s+story\s+)?below|Ad\s+Feedback"
        r"|Anzeigen?|ANZEIGE(?:\s*[-–:]\s*.{0,100})?|\*?Werbung(?:[.:,]\s*.{0,200})?|Anzeige,\s+enthält\s+.{0,60}"
        r"|Publicidad|Publicité|Reklama|Pubblicità|Advertorial|Werbehinweis\b.{0,200}"
        r"|(?:Dieser|Der)\s+(?:Beitrag|Artikel)\s+enthält\s+(?:Werbung|Affiliate-?Links)\b.{0,200}"
        r"|This\s+post\s+contains\s+(?:affiliate\s+links|references\s+to\s+products)\b.{0,350}",
    ),
    (
        "image credit",
        r"\(?(?:Fotos?|Bild(?:er)?|Photos?|Images?|Credits?|Crédits?\s+photos?|Titelbild|Beitragsbild|Bildquelle|Quelle"
        r"|Fuente|Imagen|Zdjęcie|Fot\.|Foto\s*/\s*Video|Copyright)\s*:\s*\S.{0,100}"
        r"|Fot\.\s+[^/:]{1,60}(?:\s*/\s*.{1,60})?"
        r"|(?:Źródło|Quelle|Source|Fuente|Credits?|Bildquelle)\s*:|(?:Bild|Foto|Photo|Image)\s+via(?:\s+\S.{0,80})?"
        r"|(?:Beitragsbild|Titelbild|Symbolbild|Symbolfoto|Archivbild|Image\s+illustrative|Imagen\s+ilustrativa)"
        r"(?:\s*:\s*\S.{0,150})?"
        # `Photo by Jane Doe on Unsplash`
        r"|(?:Photo|Foto|Image|Bild)\s+(?:by|von|de|di)\s+.{1,60}\s+(?:on|auf|en|su)\s+(?:Unsplash|Pexels|Pixabay|Flickr)"
        r"|Photo(?:graph)?s?\s+(?:by|courtesy\s+of)\s+[^.!?]{1,80}\.?",
    ),
    (
        "contact details",
        r"(?:Telefon|Tel\.?|Fax|E-Mail|Kontakt|Pressekontakt|Ansprechpartner(?:in)?|Contact|Press\s+contact)"
        r"\s*:\s*.{0,100}|Write\s+to\s+[^@]{1,80}\s+at\s+\S+@\S+|(?:Kontakt|Quellen(?:angaben)?|Zusatzinformationen|Weitere\s+Informationen|Originalpublikation"
        r"|Further\s+information|More\s+information|Fuentes|Referencias)\s*:?",
    ),
    (
        "taxonomy",
        r"(?:Categor(?:y|ies)|Kategorien?|Tags?|Schlagw[öo]rter|Stichw[öo]rter|Themen|Rubrik|Ressort|Etiquetas"
        r"|Categor[íi]as?|Cat[ée]gories?|Mots-cl[ée]s|Tagi|Kategori[ae])\s*:\s*.{0,120}"
        r"|Inhaltsverzeichnis|Table\s+of\s+contents|Sommaire|Spis\s+treści"
        r"|(?:Rate\s+this\s+(?:article|post)|Artikel\s+bewerten|Bewerten)\s*:?"
        r"|(?:Nächster|Vorheriger)\s+(?:Artikel|Beitrag)|Vorschau\s+auf\s+den\s+nächsten\s+Artikel"
        r"|Article\s+suivant|Artículo\s+siguiente"
        r"|(?:Veröffentlicht\s+in|Posted\s+in|Filed\s+under|Publicado\s+en|Publié\s+dans|getaggt\s+mit|Tagged\s+with)\s*:"
        r"\s*[^.!?]{1,150}",
    ),
    (
        "shop buttons",  # `Rezept drucken`, `Buch bestellen`, `Zum Shop`
        r"Zum\s+Shop|Jetzt\s+(?:kaufen|bestellen)|(?:Buch|Ausgabe|Heft|Tickets?|E-Paper)\s+(?:bestellen|kaufen)"
        r"|Buy\s+(?:now|tickets)|Shop\s+now|(?:Rezept|Artikel|Seite)\s+drucken(?:\s+Bei\s+Pinterest\s+speichern)?"
        r"|(?:Bei|Auf)\s+Pinterest\s+(?:speichern|merken)|Save\s+to\s+Pinterest|Pin\s+it",
    ),
    (
        "back link",
        r"(?:Zurück|zurück)\s+zu(?:r|m)?\s+(?:Übersicht|vorherigen\s+Seite|Startseite|Liste|Artikelübersicht)"
        r"|Back\s+to\s+(?:top|the\s+list|overview|home(?:page)?|all\s+\w+)|Volver\s+(?:arriba|al\s+inicio)"
        r"|Retour\s+(?:en\s+haut|à\s+l'accueil|à\s+la\s+liste)",
    ),
    (
        "site credits",  # `Powered by WordPress`, `Thème Simple. Fourni par Blogger.`, `Designed by Elegant Themes`
        r"(?:Proudly\s+)?Powered\s+by\s+[\w.-]+(?:\s+[\w.-]+)?\.?|Designed\s+by\s+[\w .&-]{1,40}"
        r"|(?:Thème|Theme|Design)\s+[\w .-]{1,30}\.\s+(?:Fourni\s+par|Powered\s+by|Bereitgestellt\s+von|Con\s+la\s+"
        r"tecnología\s+de)\s+[\w.-]+\.?"
        r"|This\s+site\s+is\s+protected\s+by\s+reCAPTCHA\b.{0,150}",
    ),
    (
        "reading time",  # `5 min read`, `Lesezeit: 3 Minuten`
        r"\d+\s*(?:min(?:ute)?s?|Min\.|Minuten|minutos)\.?\s+(?:read|Lesezeit|de\s+lectura|lecture)"
        r"|(?:Lesezeit|Reading\s+time|Tiempo\s+de\s+lectura|Temps\s+de\s+lecture|weiterlesen)\s*:?\s*(?:ca\.\s*)?\d+\s*\w{0,8}\.?",
    ),
    (
        "support request",
        r"If\s+you\s+(?:enjoyed|liked|like|value)\s+(?:reading\s+)?(?:this|our)\s+(?:post|article|story|work)\b.{0,150}|"
        r"We\s+rely\s+on\s+(?:your\s+support|readers\s+like\s+you)\b.{0,150}|Support\s+(?:our|independent)\s+journalism\b.{0,150}"
        r"|Unterstützen\s+Sie\s+(?:uns|unsere\s+Arbeit|unabhängigen\s+Journalismus)\b.{0,150}"
        r"|Wenn\s+Ihnen\s+(?:unser|dieser)\s+(?:Artikel|Beitrag)\s+gefallen\s+hat\b.{0,150}",
    ),
    (
        "feedback prompt",
        r"(?:Was\s+this\s+(?:article|page|post|information)\s+(?:helpful|useful)"
        r"|(?:Fanden|Finden)\s+Sie\s+diesen\s+(?:Artikel|Beitrag)\s+(?:nützlich|hilfreich)"
        r"|War\s+(?:dieser\s+(?:Artikel|Beitrag)|diese\s+Seite)\s+hilfreich"
        r"|¿(?:Te|Le)\s+(?:resultó|ha\s+resultado)\s+útil\s+(?:este\s+artículo|esta\s+información))\s*\??",
    ),
    (
        "author bio heading",
        r"(?:Über\s+(?:den\s+Autor|die\s+Autorin)|About\s+the\s+author|Sobre\s+el\s+autor|À\s+propos\s+de\s+l'auteur)\s*:?",
    ),
    (
        "trackbacks",
        r"Pingback\s+(?:von|from|de|by)\b.{0,200}|Trackback(?:-URL)?\s*:?.{0,100}|No\s+Responses?\s+so\s+far\s*»?"
        r"|Kommentarfeed\b.{0,100}",
    ),
    (
        "embedded content",  # what stands for an embed the reader has not allowed
        r"(?:Externer|Empfohlener\s+(?:redaktioneller|externer))\s+Inhalt"
        r"|Klicken\s+Sie\s+auf\s+den\s+(?:unteren\s+)?Button,\s+um\s+den\s+Inhalt\s+von\b.{0,100}"
        r"|Click\s+(?:on\s+)?the\s+button\s+(?:below\s+)?to\s+load\s+the\s+content\s+(?:from|of)\b.{0,100}",
    ),
    (
        "blog widget",
        r"(?:Subscribe\s+to|Inscription\s+à|Abonnieren|Suscribirse\s+a)\s*:\s*(?:Post\s+Comments|Posts|Kommentare\s+zum\s+Post"
        r"|Publier\s+les\s+commentaires|Articles|Enviar\s+comentarios|Entradas)\s*\(Atom\)"
        r"|Ihr\s+Warenkorb\s+ist\s+leer|Your\s+(?:shopping\s+)?(?:cart|basket)\s+is\s+empty\.?"
        r"|Dieses\s+Blog\s+durchsuchen|Search\s+this\s+blog|Buscar\s+(?:en\s+)?este\s+blog|Rechercher\s+dans\s+ce\s+blog"
        r"|(?:Eingestellt|Posted|Publicado|Publié)\s+(?:von|by|por|par)\s+.{1,60}\s+(?:um|at|a\s+las|à)\s+\d{1,2}[:.]\d{2}"
        r"(?:\s*(?:Uhr|[AaPp]\.?\s?[Mm]\.?))?|Comment\s+by\s+.{1,60}\s+[—–-]\s+.{1,40}"
        # a sidebar's headings and a shop's pagination
        r"|Kategorien|Categories|Archive?s?|Blogroll|Neueste\s+Kommentare|Recent\s+(?:Posts|Comments)|Tag\s+Cloud"
        r"|Schlagwortwolke|Search\s+(?:for\s+)?(?:articles|posts|news|stories)\b.{0,60}"
        r"|Es\s+werden\s+die\s+\w+\s+\d+\s+bis\s+\d+\s+von\s+(?:insgesamt\s+)?\d+\s+angezeigt!?"
        r"|Showing\s+\d+\s*[–-]\s*\d+\s+of\s+\d+\s+results?",
    ),
    (
        "download link",
        r"(?:Dieses?|Den|Die|Das)\s+\w+\s+als\s+PDF\s+herunterladen|Als\s+PDF\s+herunterladen|Download\s+(?:as\s+)?PDF",
    ),
    (
        "legal links",  # `Datenschutzerklärung · Impressum`: a row of the site's legal pages
        r"(?:Datenschutz(?:erklärung)?|Impressum|AGB|Kontakt|Privacy(?:\s+Policy)?|Terms(?:\s+of\s+(?:Use|Service))?"
        r"|Cookie\s+Policy|Imprint|Aviso\s+legal|Mentions\s+légales)"
        r"(?:(?:\s*[·|•/]\s*|\s+)(?:Datenschutz(?:erklärung)?|Impressum|AGB|Kontakt|Privacy(?:\s+Policy)?"
        r"|Terms(?:\s+of\s+(?:Use|Service))?|Cookie\s+Policy|Imprint|Aviso\s+legal|Mentions\s+légales))+",
    ),
    (
        "affiliate disclosure",
        r"(?:Für\s+Links\s+auf\s+dieser\s+Seite\s+erhält|Bei\s+(?:Links|Käufen)\s+über\s+(?:diese|unsere)\s+Links?\s+"
        r"erhalten\s+wir|We\s+(?:may\s+)?(?:earn|receive)\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation))\b.{0,200}",
    ),
    (
        "figure caption",
        r"(?:Abbildung|Abb\.|Figure|Fig\.|Figura|Grafik)\s*\d{0,3}\s*:\s*\S.{0,200}",
    ),
    (
        "post footer",  # WordPress: `This entry was posted in News and tagged x. Bookmark the permalink.`
        r"This\s+entry\s+was\s+posted\s+(?:in|on)\b.{0,250}"
        r"|(?:Dieser|Der)\s+(?:Eintrag|Beitrag)\s+wurde\s+(?:am\s+.{1,60}?\s+)?(?:veröffentlicht|abgelegt)\b.{0,300}",
    ),
    (
        "license notice",  # `Die Inhalte dieser Website sind unter einer Creative Commons-Lizenz lizenziert.`
        r"(?:Die\s+Inhalte\s+dieser\s+(?:Website|Webseite|Seite)|Texte\s+auf\s+dieser\s+(?:Website|Webseite|Seite)"
        r"|Alle\s+Inhalte|This\s+(?:work|site|website|content)"
        r"|(?:The\s+)?Content\s+on\s+this\s+(?:site|website))\s+(?:sind|stehen|unterliegen|is|are)\b.{0,40}Creative[\s-]Commons\b.{0,100}",
    ),
    (
        "disclaimer",  # `Trotz sorgfältiger inhaltlicher Kontrolle übernehmen wir keine Haftung für …`
        r"Trotz\s+sorgfältiger\s+inhaltlicher\s+Kontrolle\b.{0,400}"
        r"|(?:Disclaimer|Haftungsausschluss|Advertising\s+disclosure|Affiliate\s+disclosure)\s*(?:\([^)]{0,60}\))?\s*:.{0,500}"
        r"|Wenn\s+Sie\s+uns\s+per\s+Kontaktformular\s+Anfragen\s+zukommen\s+lassen\b.{0,500}",
    ),
    (
        "comment policy",  # `Please understand that comments are moderated and it is not always possible …`
        r"(?:Please\s+(?:understand|note)\s+that\s+|We\s+(?:ask|expect)\s+that\s+|Some\s+|All\s+)?(?:comments|submissions)"
        r"\s+(?:are|may\s+be|will\s+be)\s+(?:moderated|republished|reviewed|civil)\b.{0,300}"
        r"|We\s+(?:will,?\s+however,?\s+)?try\s+to\s+publish\s+comments\b.{0,300}"
        r"|(?:Alle\s+)?Kommentare\s+werden\s+(?:vor\s+der\s+Veröffentlichung\s+)?(?:moderiert|geprüft|freigeschaltet)\b.{0,300}",
    ),
    (
        "breadcrumb",  # `Startseite › Politik › Inland`, `[› Projekte`
        r"(?:Home(?:page)?|Start(?:seite)?|Inicio|Accueil|Strona\s+główna)\s*[›»>|/]\s*.{1,150}"
        r"|\[?\s*[›»]\s*[\w .&-]{1,60}\]?",
    ),
    (
        "letters prompt",  # `We want to hear what you think about this article. Submit a letter to the editor …`
        r"We\s+want\s+to\s+hear\s+what\s+you\s+think\b.{0,150}|Submit\s+(?:your\s+|a\s+)?letter\s+to\s+the\s+editor\b.{0,150}",
    ),
    (
        "availability note",
        r"(?:Video|Audio|Sendung|Beitrag)\s+(?:verfügbar|abrufbar)\s+bis\b.{0,40}",
    ),
)


# Rules whose tell-tale words may stand mid-line: tried only on lines holding one of their keywords (as
# written, case-sensitive), since a leading wildcard is slow to fail on every other line.
ANYWHERE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("copyright", r".{0,150}\bAll\s+rights\s+reserved\.?", ("eserved", "ESERVED")),
    (
        "newsletter",
        r".{0,80}\b(?:Sign\s+up|Subscribe)\s+(?:for|to)\s+(?:our|the|my)\b.{0,60}newsletters?\b.{0,120}"
        r"|.{0,80}newsletters?\b.{0,80}\bdelivered\s+(?:straight\s+)?to\s+your\s+inbox.{0,80}"
        r"|.{0,150}\b(?:Melde\s+dich|Melden\s+Sie\s+sich|Abonniere|Abonnieren\s+Sie)\b.{0,60}\bNewsletter\b.{0,120}"
        r"|.{0,150}\bNewsletter\s+(?:hier\s+|jetzt\s+)?(?:abonnieren|bestellen)\b.{0,20}",
        ("ewsletter", "EWSLETTER"),
    ),
    (  # a caption whose photo credit follows a colon: `… en el Congreso (Foto: Natacha Pisarenko).`,
        "image caption",  # `Son tres los periodos de vacaciones durante el año escolar. Foto: Andina`
        r"[^()]{1,250}\((?:Fotos?|Photos?|Bild|Bildquelle|Quelle|Imagen|Image|Fuente|Cr[ée]dits?|Credit)\s*:[^()]{1,80}\)\.?"
        r"|[^:]{0,250}[.,!?»“”\"/]\s*(?:Bild|Foto|Fotos|Imagen|Photo|Photograph|Image|Quelle|Fuente|Źródło|Kuva)\s*:"
        r"\s*(?:[^.:]|\.(?=\w)){1,60}\.?",
        (":",),
    ),
    (  # a caption whose credit follows © or stands in brackets: `Chloe Kim will es wissen. © AFP / KIRILL K`,
        "image caption",  # `… – © Sergey Nivens – stock.adobe.com`, `(mlharing / iStock.com)`, `(Symbolbild).`
        r"[^©]{1,250}\s(?:©|\(C\))\s?(?:[^©.]|\.(?=\w)){1,60}"
        r"|[^()]{1,250}\((?:[^()]{1,40}/\s*)?(?:iStock(?:photo)?|Shutterstock|Getty\s+Images|Adobe\s+Stock|stock\.adobe\.com"
        r"|Imago|picture\s+alliance)[^()]{0,40}\)\.?|[^()]{1,250}\((?:REUTERS|Reuters|AFP|EFE|dpa)\s*/\s*[^()]{1,60}\)\.?"
        r"|[^()]{1,250}\((?:Symbolbild|Symbolfoto|Archivbild|Archivfoto|Illustration|Archive\s+photo)\)\.?",
        ("©", "("),
    ),
    (  # `Firmen- und Beziehungsgeflecht der Cider Connection. CC-BY-SA 2.0`: a caption and its licence
        "image caption",
        r".{1,250}[\s.|](?-i:CC[- ]BY(?:[- ](?:SA|ND|NC))*)(?:[- ]\d\.\d)?\.?",
        ("CC-BY", "CC BY"),
    ),
    (  # `Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up`
        "newsletter",
        r".{1,200}\b(?:Free\s+)?Sign\s+up(?:\s+(?:here|now|today))?\s*[.!]?",
        ("ign up", "ign Up"),
    ),
    (  # `AFP / MARCO BERTORELLO`, `DCV / Oppitz`: an agency and a photographer (case matters: any line could
        "image credit",  # start with two letters, only a few start with two capitals)
        r"(?:[^/]{1,250}[.!?]\s*)?"  # after its caption, even glued to it: `… Mitzscherlich.DCV / Oppitz`
        r"(?-i:[A-Z]{2,}[\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}\s+/\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})",
        ("/",),
    ),
    (  # `¿Ya sabías que tenemos canal de Telegram? Únete …`, `¡Mira lo que tiene nuestro canal de YouTube!`
        "follow prompt",
        r".{0,80}\b(?:nuestro\s+canal|tenemos\s+(?:un\s+)?canal|our\s+(?:\w+\s+)?channel|unseren?\s+(?:\w+-)?Kanal)"
        r"\s+(?:de|on|auf|bei|en)\s+(?:Telegram|WhatsApp|YouTube|Instagram)\b.{0,100}",
        ("Telegram", "WhatsApp", "YouTube", "Instagram"),
    ),
    (  # `For the latest stories download the Nationnews apps for iOS and Android.`: an app promotion
        "app promotion",
        r".{0,120}\b(?:download|get|install)\s+(?:the|our)\s+(?:free\s+)?[\w .&'’-]{0,40}\bapps?"
        r"\s+(?:for|on|from|in)\s+(?:iOS|Android|iPhone|the\s+App\s+Store|Google\s+Play)\b.{0,40}"
        r"|.{0,120}\bstraight\s+to\s+your\s+phone\s+with\s+the\b.{0,60}\bapps?\.?",
        ("iOS", "Android", "phone", "App Store", "Google Play"),
    ),
    (  # `ご利用には会員登録が必要です`, `企業での記事共有や…ご覧ください。 詳しくはこちら`
        "login prompt",
        r".{0,60}(?:有料会員|会員登録|会員の方)(?:の方)?.{0,80}|.{0,150}(?:詳しくは|会員の方は)こちら",
        ("会員", "こちら"),
    ),
)
_ANYWHERE = [(keywords, re.compile(pattern, re.I), name) for name, pattern, keywords in ANYWHERE]
_CREDIT = next(regex for _, regex, name in _ANYWHERE if name == "image credit")  # `AFP / NAME`, a cell of a row


class Boilerplate(PatternFilter):
    """A line of page furniture, wherever it stands.

    Removes: `Your email address will not be published. Required fields are marked *`
    """

    name = "boilerplate"
    description = "Share/follow buttons, cookie, newsletter and subscribe prompts, ads, copyright lines."
    rules = RuleSet(BOILERPLATE + END_MARKERS, re.I)
    max_chars = 400

    def apply(self, doc: Document) -> None:
        lines, whole, found = doc.lines, self._whole, {}
        for i in doc.live():  # most lines start like some rule: a scan for those would not pay off
            why = whole(lines[i].text)
            if why:
                found[i] = why
        keyworded: set[int] = set()
        for keywords, regex, name in _ANYWHERE:  # in order: the first rule that matches a line names it
            for i in doc.containing(*keywords):  # each keyword looked for in the whole text at once
                keyworded.add(i)
                text = lines[i].text
                if i not in found and len(text) <= self.max_chars and regex.fullmatch(cell_text(text.strip())):
                    found[i] = name
        for i in keyworded.difference(found):
            if self._newsletter(lines[i].text):
                found[i] = "newsletter"
        for i, why in found.items():
            doc.remove(i, self.name, why)

    def reason(self, text: str) -> str | None:
        """Why one line goes: `apply` on a document of that line (one implementation of the rules' order)."""
        doc = Document([Line(text, 0, 1)])
        self.apply(doc)
        return doc.lines[0].reason or None

    def _whole(self, text: str) -> str | None:
        """The rule the whole line matches, or a row of furniture cells."""
        if len(text) > self.max_chars:
            return None
        found = self.rules.match(cell_text(text))
        if found is None and " | " in text:
            found = self._furniture_row(text)
        return found

    def _newsletter(self, text: str) -> bool:
        """`PC Gamer Newsletter`, `Mit unserem Newsletter erhalten Sie monatlich …`: a short line about one,
        when no rule names it."""
        return len(text) <= self.max_chars and "ewsletter" in text.lower() and is_headline(text, max_words=20)

    def _furniture_row(self, text: str) -> str | None:
        """`January 13, 2020 at 08:45 AM | categories: Python, Mercurial | View Comments`: a row whose every
        cell is furniture (a date, a taxonomy, a comments link) is furniture too."""
        cells = [cell.strip() for cell in cell_text(text).split(" | ") if cell.strip()]
        if len(cells) >= 2 and all(
            timestamp_kind(cell) or self.rules.match(cell) or _CREDIT.fullmatch(cell) for cell in cells
        ):
            return "row of page furniture"
        return None


class Footer(Filter):
    """Everything from an end-of-article marker on, when less running text follows it than precedes it,
    or when what follows is a comment thread (several lines that are only a relative time).

    Removes: `Source link` and what follows it (`You May Also Like`, `Leave a Reply`, …)
    """

    name = "footer"
    description = "Cut the tail that starts at an end marker (`Source link`, `You May Also Like`, `Leave a Reply`)."

    def __init__(self, keep_comments: bool = False) -> None:
        self.keep_comments = keep_comments  # `--comments`: a comment section does not end the page

    def apply(self, doc: Document) -> None:
        found = {i: marker for i in _END.candidates(doc, STRIPPED) if (marker := _marker(doc.lines[i].text))}
        if self.keep_comments:
            found = {i: marker for i, marker in found.items() if marker not in _COMMENT_MARKERS}
        if not found:
            return  # most pages: no marker, so no need to count words
        live = doc.live()
        markers = [found.get(i) for i in live]
        words = [word_count(doc.lines[i].text) for i in live]
        total, before = sum(words), 0
        for k, i in enumerate(live):
            marker = markers[k]
            if marker and before > 0 and (total - before - words[k] < before or _thread(doc, live[k + 1 :])):
                reason = f"after end marker {doc.lines[i].text.strip()!r} (line {doc.lines[i].number}, {marker})"
                for j in live[k:]:
                    doc.remove(j, self.name, reason)
                return
            before += words[k]


_END = RuleSet(END_MARKERS, re.I)
_COMMENT_MARKERS = ("comments", "comment form")
_THREAD = 3  # relative times after a marker that make what follows a comment thread, however long


def _thread(doc: Document, after: list[int]) -> bool:
    """`Hace 28 minutos` / a comment / `Hace una hora` / a comment …: readers' comments, not article."""
    return sum(timestamp_kind(doc.lines[i].text) == "relative" for i in after) >= _THREAD


def _marker(text: str) -> str | None:
    stripped = text.strip()
    return _END.match(stripped) if len(stripped) <= 120 else None
