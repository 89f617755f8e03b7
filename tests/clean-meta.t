#!/bin/bash
# newsclean's title and date on page shapes taken from real sites (the
# trafilatura and WCXB sets): a kicker above the headline inside the
# <h1>, a logo <h1> beside the headline's, a hidden <h1>, a site name
# after " : " or a domain before "//", a dateline after the headline, a
# dateline in the <h1>, "Updated" against "Published", dates written in
# French and Italian, the language of pages that do not declare it, and
# the URL fields of a file: page. Then (issue 4 follow-up) the domain's
# name left in a title, a date before the headline, a headline <h1> set
# twice, <h1>s in closed <dialog>s, several <h1>s weighed against
# og:title, double-encoded UTF-8, and a numeric <meta> date that the
# page shows month first.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
P='<p>The council met on Friday and approved the budget for the coming year, the mayor said afterwards, and the opposition did not object.</p>'
# field FILE NAME
field() {
	python3 -c 'import sys,json
d=json.loads(open(sys.argv[1],encoding="utf-8").readline())
v=d.get(sys.argv[2])
print("null" if v is None else v)' "$1" "$2"
}

# --- titles: head^body^want^what
while IFS='^' read -r head body want what; do
	printf '<html><head>%s</head><body>%s%s</body></html>' "$head" "$body" "$P" >"$D/t.html"
	newsclean "$D/t.html" >"$D/t.json" 2>/dev/null
	is "$(field "$D/t.json" title)" "$want" "title: $what"
done <<'TITLES'
<meta property="og:title" content="Große Aufgaben für die neue Regierung">^<h1 itemprop="headline"><small>Tunesien</small><br>Große Aufgaben für die neue Regierung</h1>^Große Aufgaben für die neue Regierung^a kicker in its own <small> is not the headline
<meta property="og:title" content="Presidente Boric inicia gira por Magallanes">^<h1>Segundo viaje oficial: Presidente Boric inicia gira por Magallanes</h1>^Segundo viaje oficial: Presidente Boric inicia gira por Magallanes^words of the <h1> itself stay, though og:title lacks them
<title>Minions mit Schablonen malen | Papaganda</title>^<h1 class="site-title"><a href="https://papaganda.example.org/" rel="home">Papaganda</a></h1><h1 class="post-title">Minions mit Schablonen malen – mit Malerrolle</h1>^Minions mit Schablonen malen – mit Malerrolle^a logo <h1> (a link home) does not hide the headline's <h1>
<title>Truckwash A31 | Branchenbuch</title>^<h1 class="screen-reader-text">Post navigation and more</h1><h1 class="page-title">Truckwash an der A31</h1>^Truckwash an der A31^a screen-reader <h1> is not the headline
<title>Das vermutlich schwulste Musikvideo der Welt : Krimiblog-Archiv | Ermittlungen zum Verfall eines Genres | Gegründet 2005</title>^<h1 class="vcard"><a href="http://archiv.krimiblog.example/" class="fn">Krimiblog-Archiv</a></h1>^Das vermutlich schwulste Musikvideo der Welt^the site (a logo's text) after " : ", a slogan after " | "
<meta property="og:title" content="Zuschauerrückkehr bei den Proficlubs der Region">^<h1>Zuschauerrückkehr bei den Proficlubs der Region<br><small>02.02.2022 • HVW-Verband , Presse</small></h1>^Zuschauerrückkehr bei den Proficlubs der Region^a dateline in a <small> after the headline
^<h1 class="withHeader"><span class="topline"><span class="date">27.01.2022</span></span>MineralölINFO November 2021 (Mineralölabsatz)</h1>^MineralölINFO November 2021 (Mineralölabsatz)^a date set above the headline inside the <h1>
<title>mediaarchitecture.example // &raquo; Jens Weber</title>^<h2>Jens Weber</h2>^Jens Weber^a domain before " // » "
<title>Lehrberufe KFT - Siegfried Marcus Berufsschule</title>^<h2 class="entry-title">Lehrberufe KFT</h2>^Lehrberufe KFT^an hAtom entry-title in an <h2>, part of the <title>
<title>Trails! Ischgl</title>^<h1>Ischgl</h1>^Ischgl^a page's only <h1>, short, inside the <title>
<title>Base URL test</title>^<h1>Lorem</h1>^Base URL test^a short <h1> that the <title> does not hold
<title>Mozilla - Wikipedia</title>^<h1>Mozilla</h1>^Mozilla - Wikipedia^a short <h1> that is a separated part of the <title>
TITLES

# --- titles needing the page's URL: url^head^body^want^what
while IFS='^' read -r url head body want what; do
	printf '<html><head>%s</head><body>%s%s</body></html>' "$head" "$body" "$P" >"$D/t.html"
	newsclean -u "$url" "$D/t.html" >"$D/t.json" 2>/dev/null
	is "$(field "$D/t.json" title)" "$want" "title: $what"
done <<'TITLES'
https://www.artlyst.com/reviews/critics-choice-best-uk-art-exhibitions-2025/^<meta property="og:title" content="Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst - Artlyst">^<h1 class="entry-title">Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst</h1>^Critics’ Choice: Best UK Art Exhibitions 2025^the domain's name after a dash in the <h1>
https://erikdemaine.org/foldcut/^<title>The Fold-and-Cut Problem (Erik Demaine)</title>^<h2>The Fold-and-Cut Problem</h2>^The Fold-and-Cut Problem^the domain's name in parentheses at the end
https://davidbau.com/archives/2025/12/16/vibe_coding.html^<title>davidbau.com Vibe Coding</title>^<h1 id="banner"><a href="https://davidbau.com/">davidbau.com</a></h1><h2 class="date-header">December 16, 2025</h2>^Vibe Coding^the host before the headline, no separator
https://www.uwsp.edu/sbcb/tropical-conservatory/coffee/^<title>Coffee - University of Wisconsin-Stevens Point</title><meta property="og:title" content="Coffee - University of Wisconsin-Stevens Point">^<h1>Coffee</h1>^Coffee^a site name whose capitals spell the domain, even before a one-word headline
https://meetings.example.org/notes/42^<title>Meeting notes on folding (Erik Demaine)</title>^^Meeting notes on folding (Erik Demaine)^a name in parentheses that is not the domain's stays
https://www.biathlon-antholz.example/de/newsroom/17-378.html^<title>23.01.2022 - Dorothea Wierer darf beim Antholz-Abschluss noch jubeln - Biathlon Antholz</title>^<h1>23.01.2022 - Dorothea Wierer darf beim Antholz-Abschluss noch jubeln</h1>^Dorothea Wierer darf beim Antholz-Abschluss noch jubeln^a date before the headline, set off by " - "
https://review.example/2024-review^<title>2024: The year in review in ten pictures</title>^<h1>2024: The year in review in ten pictures</h1>^2024: The year in review in ten pictures^a year before ": " is part of the headline
https://instatunnel.example/blog/windows-ldap-dos^<title>Windows LDAP DoS: CVE-2024-49113 Crashing Domain Controllers | InstaTunnel Blog</title><meta property="og:title" content="Windows LDAP DoS: CVE-2024-49113 Crashing Domain Controllers">^<header class="mobile"><h1 class="text-2xl">Windows LDAP DoS: The Integer Overflow Crashing Domain Controllers</h1></header><article><h1 class="text-4xl">Windows LDAP DoS: The Integer Overflow Crashing Domain Controllers</h1>^Windows LDAP DoS: The Integer Overflow Crashing Domain Controllers^the headline's <h1> set twice (mobile and desktop) is still the only one
https://github.example/hackermondev/writeup^<meta property="og:title" content="How we pwned X, Vercel, Cursor and Discord through a supply-chain attack">^<dialog class="Overlay"><h1 class="Overlay-title">Select an option</h1></dialog><dialog class="Overlay"><h1 class="Overlay-title">Select an option</h1></dialog>^How we pwned X, Vercel, Cursor and Discord through a supply-chain attack^an <h1> in a closed <dialog> is not shown, so not the headline
https://www.nytimes.example/wirecutter/reviews/best-wireless-earbuds/^<title>The 3 Best Wireless Bluetooth Earbuds of 2026 | Reviews by Wirecutter</title><meta property="og:title" content="The Best Wireless Bluetooth Earbuds (of the 500 I Tested)">^<h1 class="headline">The Best Wireless Bluetooth Earbuds</h1><h2>Everything we recommend</h2><h1 class="section">How we picked and tested</h1>^The Best Wireless Bluetooth Earbuds^of several <h1>s, the one whose words og:title holds
https://magazine.example/gift-guide^<meta property="og:title" content="Christmas Gift Guide 2022">^<h1>Mein cosy Home Gift Guide bei Westwing</h1><h1>Das ist Liebe in deinem Posteingang: Unser Newsletter!</h1>^Christmas Gift Guide 2022^of several <h1>s none like og:title: og:title
TITLES

# a title in UTF-8 read as Latin-1 and encoded again (a WordPress
# database converted twice), repaired; real Latin-1 letters untouched
printf '<html><head><meta charset="utf-8"></head><body><h1>A DIY Investor\xc3\xa2\xc2\x80\xc2\x99s Guide to Retirement Calculators</h1>%s</body></html>' "$P" >"$D/t.html"
newsclean "$D/t.html" >"$D/t.json" 2>/dev/null
is "$(field "$D/t.json" title)" "A DIY Investor’s Guide to Retirement Calculators" "title: double-encoded UTF-8 repaired"
printf '<html><head><meta charset="utf-8"></head><body><h1>Caf\xc3\xa9 society in the \xc3\xa2ge of trains</h1>%s</body></html>' "$P" >"$D/t.html"
newsclean "$D/t.html" >"$D/t.json" 2>/dev/null
is "$(field "$D/t.json" title)" "Café society in the âge of trains" "title: Latin-1 letters without C1 controls are not 'repaired'"

# --- dates: head^body^want^what
while IFS='^' read -r head body want what; do
	printf '<html><head>%s</head><body>%s%s</body></html>' "$head" "$body" "$P" >"$D/d.html"
	newsclean "$D/d.html" >"$D/d.json" 2>/dev/null
	is "$(field "$D/d.json" date)" "$want" "date: $what"
done <<'DATES'
^<h1>Stadtrat beschließt den Haushalt für das kommende Jahr</h1><p>Von Anna Schmidt | 12. März 2022 | 3 Min.</p>^2022-03-12^the dateline under the headline, no date in the markup
^<p>Zurück zum Newsroom 06.12.2022</p><h1>Bürgerbeteiligung für den Windpark startet</h1>^2022-12-06^a date right above the headline
^<h1>Council approves the budget for next year</h1><p>By Ann Lee · Updated Nov 23, 2025 | Published Nov 22, 2025</p>^2025-11-22^"Updated" gives way to "Published" written after it
^<h1>The best electric toothbrushes of the year</h1><p>By Gen Bradshaw · Updated March 5, 2025</p>^2025-03-05^an "Updated" date when it is the only one
^<h1>Городской совет утвердил бюджет на год</h1><p>Обновлено 23.11.2025, опубликовано 22.11.2025</p>^2025-11-22^Russian "Обновлено" gives way too
^<h1>Franke: Die Anleitungen der Vorfahren</h1><p>Letzte Änderung: 31.10.2023 - 14:49:39 Erschienen am: 01.11.2023</p>^2023-11-01^German "Letzte Änderung" gives way to "Erschienen am"
^<h1>Le conseil municipal adopte le budget</h1><p>samedi 22 novembre 2025</p>^2025-11-22^French, with the weekday
^<h1>Le conseil municipal adopte le budget</h1><p>Publié le 1er décembre 2025</p>^2025-12-01^French ordinal "1er"
^<h1>Il consiglio comunale approva il bilancio</h1><p>lunedì 3 novembre 2025</p>^2025-11-03^Italian, with the weekday
^<h1>Ajuntament aprova el pressupost de l'any</h1><p>Publicado el 22 de noviembre de 2025</p>^2025-11-22^Spanish "22 de noviembre de 2025"
<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">^<h1>Provence: Tipps für eine Reise im Herbst</h1><p>07.11.2022</p>^2022-11-06T23:00:00Z^a UTC time is kept as the page wrote it, not moved to the shown day
<meta property="article:published_time" content="2025-11-22T07:40:00+01:00">^<h1>Harbour report for the week</h1>^2025-11-22T07:40:00+01:00^a local time keeps its offset
<meta name="article:published_time" content="03-09-2026">^<h1>What intermittent fasting does to the body</h1><div class="byline">Published March 9, 2026</div>^2026-03-09^a numeric <meta> date read month first when the page shows it so
<meta name="article:published_time" content="03-09-2026">^<h1>What intermittent fasting does to the body</h1>^2026-09-03^a numeric <meta> date alone is read day first
<meta name="article:published_time" content="2026-03-09">^<h1>What intermittent fasting does to the body</h1><div class="byline">Published September 3, 2026</div>^2026-03-09^an ISO <meta> date is never swapped
DATES

# --- language guessed from the text when the page does not declare it
while IFS='^' read -r lang text; do
	printf '<html><head><meta charset="utf-8"></head><body><p>%s</p></body></html>' "$text" >"$D/l.html"
	newsclean "$D/l.html" >"$D/l.json" 2>/dev/null
	is "$(field "$D/l.json" language)" "$lang" "undeclared language guessed: $lang"
done <<'LANGS'
en^The council approved the budget for next year on Thursday, and the opposition did not vote against it because it agreed with most of the points.
de^Der Stadtrat hat am Donnerstag den Haushalt für das kommende Jahr beschlossen, und die Opposition hat nicht dagegen gestimmt, weil sie mit den meisten Punkten einverstanden war.
fr^Le conseil municipal a adopté jeudi le budget de l'année prochaine, et l'opposition n'a pas voté contre parce qu'elle était d'accord avec la plupart des points.
es^El ayuntamiento aprobó el jueves el presupuesto para el próximo año, y la oposición no votó en contra porque estaba de acuerdo con la mayoría de los puntos.
it^Il consiglio comunale ha approvato giovedì il bilancio per il prossimo anno, e l'opposizione non ha votato contro perché era d'accordo con la maggior parte dei punti.
ru^Городской совет в четверг утвердил бюджет на следующий год, и оппозиция не голосовала против, потому что была согласна с большинством пунктов.
uk^Міська рада в четвер затвердила бюджет на наступний рік, і опозиція не голосувала проти, бо була згодна з більшістю пунктів.
lt^Miesto taryba ketvirtadienį patvirtino kitų metų biudžetą, o opozicija nebalsavo prieš, nes sutiko su dauguma punktų ir jų nuostatų.
pl^Rada miasta w czwartek przyjęła budżet na przyszły rok, a opozycja nie głosowała przeciw, ponieważ zgadzała się z większością punktów.
LANGS
printf '<html><head><meta charset="utf-8"></head><body><p>%s</p></body></html>' "12345 67890 ... 2025" >"$D/l.html"
newsclean "$D/l.html" >"$D/l.json" 2>/dev/null
is "$(field "$D/l.json" language)" "null" "no words to go by: language null"

# --- the URL fields of a page read from a file: URL
newsclean -u file:///srv/pages/budget.html "$D/d.html" >"$D/f.json" 2>/dev/null
is "$(field "$D/f.json" url)" "file:///srv/pages/budget.html" "file: URL: url kept"
is "$(field "$D/f.json" source_domain)" "null" "file: URL: source_domain is null (no publisher host)"
like "$(field "$D/f.json" id)" '^[0-9a-f]{16}$' "file: URL: an id all the same"

done_testing
