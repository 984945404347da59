from __future__ import annotations

import pytest
from conftest import removed

from newsclean.filters.footer import Boilerplate, Footer

ARTICLE = (
    "After his meetings in Beijing, Blinken will travel to London to attend a conference on the "
    "reconstruction "
    "of Ukraine on June 21, the State Department said.\n\n"
    "He did not elaborate on what had been done since then, the department said.\n\n"
)


def test_cuts_everything_from_source_link_on() -> None:
    tail = "Source link\n\nYou May Also Like\n\nLeave a Reply\n\nYour email address will not be published."
    assert removed(Footer(), ARTICLE + tail) == [
        "Source link",
        "You May Also Like",
        "Leave a Reply",
        "Your email address will not be published.",
    ]


def test_marker_before_most_of_the_text_does_not_cut_the_article() -> None:
    assert removed(Footer(), "Short intro line\n\nRelated Posts\n\n" + ARTICLE * 3) == []


@pytest.mark.parametrize(
    "line",
    [
        "Your email address will not be published. Required fields are marked *",
        "Share this:",
        "Like this:",
        "Comments are closed.",
        "Copyright 2023 Nexstar Media Inc. All rights reserved.",
        "© 2024 KXAN Austin",
        "Click here to subscribe to our newsletter",
        "Sign up for our daily newsletter to get the latest news.",
        "We use cookies to improve your experience on our site.",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Follow us on Twitter and Facebook",
        "Like Loading...",
        "Chloe Kim will es wissen. © AFP / KIRILL KUDRYAVTSEV",
        "(Credit: Clayton Aldern / Grist)",
        "Image illustrative : Lots of Lego Minifigures by Ninja Brick",
        "＞ ログイン",
        "ご利用には会員登録が必要です",
        "Sign in",
        "このニュースをシェア",
        "【责任编辑:张樵苏】",
        "Write to Alejandro de la Garza at alejandro.delagarza@time.com",
        "Siguenos en",
        "Instagram,",
        "Sign up to get the best content of the week, and great gaming deals, as picked by the editors.",
        "Lust auf mehr? Melde dich hier für unseren Newsletter an!",
        "January 13, 2020 at 08:45 AM | categories: Python, Mercurial | View Comments",
        "| Kommentare |",
        "Gefällt mir",
        "Podziel się",
        "Źródło:",
        "Bild via Unsplash",
        "Hinterlasse jetzt einen Kommentar",
        "Learn more",
        "Kommentar hinzufügen",
        "Erforderliche Felder sind mit * markiert.",
        "Teile diesen Beitrag auf Social Media.",
        "Rezept drucken Bei Pinterest speichern",
        "Zurück zur Übersicht",
        "Designed by Elegant Themes",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
        "5 min read",
        "HIER KOSTENLOS ANMELDEN",
        "Schon registriert? Hier einloggen",
        "Subscribe to email updates",
        "Fanden Sie diesen Artikel nützlich?",
        "Über den Autor",
        "Photo by Jane Doe on Unsplash",
        "Datenschutzerklärung · Impressum",
        "Email ThisBlogThis!Share to TwitterShare to Facebook",
        "Abbildung 4: Querschnitt durch die Schneedecke.",
        "La bendición se realizará mañana. Foto: LN",
        "Cyber-Attacken nehmen weiter zu. – © Sergey Nivens – stock.adobe.com",
        "Eingestellt von Michel um 21:11",
        "Advertisement:",
        "Bild: Jahr Media",
        "Roman Prymula, photo: Archives du Gouvernement tchèque",
        "Inscription à : Publier les commentaires (Atom)",
        "Ihr Warenkorb ist leer",
        "Dir hat der Artikel gefallen? Jetzt teilen...",
        "Verwandte Themen",
        "Siguenos en Telegram, Instagram, Facebook y Twitter para recibir en directo todas nuestras actualizaciones",
        "Praca w magazynie, zdjęcie ilustracyjne / Źródło: Pixabay",
        "In Gottesdiensten gilt FFP2-Maskenpflicht. Foto: ccnull/Marco Verch/cc by sa 2.0",
        "Wer die Äste immer wieder auf die Wege zieht, ist unklar (Symbolbild).",
        "Le piquet de grève dans le hall de l’université / (C) Kab Niang",
        "If you enjoyed reading this post, would you consider supporting our work? Just click here. Thanks!",
        "Verraten Sie gerne in den Kommentaren: Was bedeutet der Award für Sie?",
        "Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.",
        "getaggt mit: Grundeinkommen, Berlin, Demonstration",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
        "This entry was posted in News and tagged climate, energy. Bookmark the permalink.",
        "Die Inhalte dieser Website sind unter einer Creative Commons-Lizenz lizenziert.",
        "Das Hermelin ist im Winter mit seinem weißen Fell gut getarnt. (mlharing / iStock.com)",
        "Dmitry Muratov, periodista ruso y Premio Nobel de la Paz (REUTERS/Denis Balibouse)",
        "Firmen- und Beziehungsgeflecht. Zum Vergrößern auf das Bild klicken. CC-BY-SA 2.0",
        "Get the Daily Edition by email and never miss our top stories Free Sign Up",
        "Eva M. Welskop-Deffaa nach der Wahl zur Präsidentin mit Wahlleiter Matthias Mitzscherlich.DCV / Oppitz",
        "We want to hear what you think about this article. Submit a letter to the editor or write to us.",
        "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular en este enlace de invitación.",
        "Trotz sorgfältiger inhaltlicher Kontrolle übernehmen wir keine Haftung für die Inhalte externer Links.",
        "Advertising disclosure: We may receive compensation for some of the links in our stories.",
        "Wenn du per E-Mail informiert werden willst, kannst du den Newsletter hier abonnieren.",
        "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und abgelegt.",
        "Merkel keskusteli keskiviikkona Berliinissä Sanna Marinin kanssa. Kuva: ALEXANDER BECHER",
        "Kommentar verfassen Antwort abbrechen",
        "Kategorien",
        "Es werden die Weine 1 bis 10 von insgesamt 19 angezeigt!",
        "Showing 1–12 of 40 results",
        "Please understand that comments are moderated and it is not always possible to publish all of them.",
        "For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.",
        "Give us feedback in our Product Forums.",
        "Startseite › Politik › Inland",
        "[› Projekte",
    ],
)
def test_removes_page_furniture_lines(line: str) -> None:
    assert removed(Boilerplate(), ARTICLE + line) == [line]
    assert Boilerplate().reason(line)  # one line alone: the same rules


@pytest.mark.parametrize(
    "line",
    [
        "AFP\xa0/ MARCO BERTORELLO",
        "AFP\t/\tGetty",
        "| AFP / MARCO BERTORELLO |",
        "January 13, 2020 | AFP / Marco Bertorello",
    ],
)
def test_agency_and_photographer_credits_in_any_spacing_or_cell(line: str) -> None:
    assert removed(Boilerplate(), ARTICLE + line) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law is changing across Europe, the commission said.",
        "The firm shares advertisement revenue.",
        "Sign up rates for the scheme rose by 20% last year, officials said.",
        "Share prices fell 3% on Monday.",
        "Sign in the window said the shop was closed, and it stayed closed for a month.",
        "The price rose | analysts said | after the report.",
        "中国国家主席、習近平も重要な陰の参戦者だった。",
        "We use cookies, he admitted, but only for essential features of the site, which is common practice.",
        "Designed by the architect in 1920, the hall seats 2,000 people and hosts the festival every summer.",
        "Back to the drawing board, the coach said after the defeat.",
        "Fig. 3 shows the results: prices rose in every region but one.",
        "The season (2019/2020) ended early, and the league cancelled the final round.",
        "More than a million people tried to sign up, but the website crashed within an hour.",
        "Comments are an important part of the debate, the editor said, and the paper will keep them open.",
        "She said she would download the app on her phone only if it kept her data private.",
        "The minister said: ‘We will not give up.’ Foto: the ministry refused to release one.",
    ],
)
def test_keeps_article_lines_about_the_same_words(line: str) -> None:
    assert removed(Boilerplate(), line) == []


def test_a_comment_thread_is_cut_however_long_it_is() -> None:
    comments = "".join(
        f"Hace {n} minutos\n\nEl fiscal defiende lo indefendible, como para que creamos en la justicia.\n\n" * 2
        for n in (5, 9)
    )
    removed_lines = removed(Footer(), ARTICLE + "Comentar\n\n" + comments)
    assert removed_lines[0] == "Comentar" and len(removed_lines) == 9


def test_a_paywall_notice_ends_the_article() -> None:
    tail = [
        "［有料会員限定］ この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
        "無料・有料プランを選択",
        "電子版トップ",
    ]
    article = (
        "６月12日の米朝首脳会談を巡って戦っていたのは、トランプと金正恩ばかりではなかった。"
        "習近平も重要な陰の参戦者だった。\n\n"
    )
    assert removed(Footer(), article + "\n\n".join(tail)) == tail
