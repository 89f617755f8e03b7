/*
 * lines.c: line-level boilerplate that survives the tree heuristics.
 *
 * Blog and aggregator chrome often sits inside the article container
 * ("Posted by X at 10:00", "No comments:", "Share this", "Read at Axios",
 * hashtag lines), so after extraction every line is checked against one
 * table of phrases. The table grows per language: add a row, no code.
 * Rules that match a prefix only apply to short lines, so a paragraph
 * that happens to start with "Posted by" is kept.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "clean.h"

enum { L_EQ, L_PREFIX, L_CONTAINS };

struct phrase {
	const char *s;
	int how;
	size_t maxlen;		/* the line is at most this long (bytes) */
};

static const struct phrase phrases[] = {
	/* aggregators */
	{ "Read at ", L_PREFIX, 80 },
	{ "Read more at ", L_PREFIX, 100 },
	{ "Read more", L_EQ, 0 },
	{ "Read more:", L_PREFIX, 160 },
	{ "Read More", L_EQ, 0 },
	{ "Continue reading", L_PREFIX, 100 },
	{ "Read the full story", L_PREFIX, 100 },
	{ "Read the full article", L_PREFIX, 100 },
	{ "Unable to calculate read time", L_EQ, 0 },
	{ "Estimated reading time", L_PREFIX, 60 },
	{ "Reading time:", L_PREFIX, 40 },
	{ "Lesezeit:", L_PREFIX, 40 },
	{ "Source:", L_PREFIX, 60 },
	/* share bars */
	{ "Share this", L_PREFIX, 40 },
	{ "Share this:", L_EQ, 0 },
	{ "Share", L_EQ, 0 },
	{ "Share on ", L_PREFIX, 40 },
	{ "Share to ", L_PREFIX, 40 },
	{ "Tweet", L_EQ, 0 },
	{ "Email", L_EQ, 0 },
	{ "Email This", L_EQ, 0 },
	{ "BlogThis!", L_EQ, 0 },
	{ "Print", L_EQ, 0 },
	{ "Facebook", L_EQ, 0 },
	{ "Twitter", L_EQ, 0 },
	{ "WhatsApp", L_EQ, 0 },
	{ "LinkedIn", L_EQ, 0 },
	{ "Pinterest", L_EQ, 0 },
	{ "Reddit", L_EQ, 0 },
	{ "Like this:", L_EQ, 0 },
	{ "Like", L_EQ, 0 },
	{ "Loading...", L_EQ, 0 },
	{ "Advertisement", L_EQ, 0 },
	{ "Advertisements", L_EQ, 0 },
	{ "Sponsored", L_EQ, 0 },
	{ "Related", L_EQ, 0 },
	{ "Related posts", L_PREFIX, 30 },
	{ "Related articles", L_PREFIX, 30 },
	{ "Related Posts", L_PREFIX, 30 },
	{ "Related Articles", L_PREFIX, 30 },
	/* blogs */
	{ "Followers", L_EQ, 0 },
	{ "Search this blog", L_EQ, 0 },
	{ "No comments:", L_PREFIX, 60 },
	{ "Post a Comment", L_EQ, 0 },
	{ "Posted by ", L_PREFIX, 120 },
	{ "Posted on ", L_PREFIX, 80 },
	{ "Posted in ", L_PREFIX, 120 },
	{ "Filed under", L_PREFIX, 120 },
	{ "Labels:", L_PREFIX, 200 },
	{ "Tags:", L_PREFIX, 200 },
	{ "Newer Post", L_PREFIX, 30 },
	{ "Older Post", L_PREFIX, 30 },
	{ "Home", L_EQ, 0 },
	{ "Subscribe to:", L_PREFIX, 80 },
	{ "Powered by ", L_PREFIX, 60 },
	{ "Leave a comment", L_PREFIX, 40 },
	{ "Leave a Reply", L_PREFIX, 60 },
	{ "Leave a reply", L_PREFIX, 60 },
	{ "Comments", L_EQ, 0 },
	{ "Subscribe", L_EQ, 0 },
	{ "Sign up for our newsletter", L_PREFIX, 120 },
	{ "All rights reserved", L_CONTAINS, 200 },
	{ "Skip to content", L_EQ, 0 },
	{ "Share your thoughts and debate the big issues", L_EQ, 0 },
	{ "Stay up-to-date on our work.", L_EQ, 0 },
	{ "Also read", L_PREFIX, 160 },
	{ "Read also", L_PREFIX, 160 },
	{ "See also", L_PREFIX, 160 },
	{ "About the author", L_EQ, 0 },
	{ "Photo:", L_PREFIX, 80 },
	{ "Advert", L_EQ, 0 },
	{ "DON'T MISS", L_EQ, 0 },
	{ "Don\xE2\x80\x99t miss", L_EQ, 0 },
	{ "SEE MORE:", L_PREFIX, 160 },
	{ "READ MORE:", L_PREFIX, 160 },
	{ "Related:", L_PREFIX, 160 },
	{ "You may also like", L_PREFIX, 30 },
	{ "You might also like", L_PREFIX, 30 },
	{ "Recommended", L_EQ, 0 },
	{ "More from", L_PREFIX, 60 },
	{ "Text size", L_EQ, 0 },
	{ "Tags", L_EQ, 0 },
	{ "LEARN MORE", L_EQ, 0 },
	{ "This slideshow requires JavaScript.", L_EQ, 0 },
	{ "An error has occurred, please try again later.", L_EQ, 0 },
	{ "Updated at ", L_PREFIX, 60 },
	{ "Updated ", L_PREFIX, 60 },
	{ "Published ", L_PREFIX, 100 },
	{ "Have a tip?", L_PREFIX, 200 },
	{ "Get the latest updates right in your inbox", L_PREFIX, 120 },
	{ "Sign up for our", L_PREFIX, 120 },
	{ "Subscribe to our", L_PREFIX, 120 },
	{ "Follow us on", L_PREFIX, 120 },
	{ "Updated:", L_PREFIX, 60 },
	{ "Published:", L_PREFIX, 60 },
	{ "Published on ", L_PREFIX, 60 },
	{ "Last updated", L_PREFIX, 60 },
	{ "Back to top", L_EQ, 0 },
	/* German */
	{ "Keine Kommentare:", L_PREFIX, 60 },
	{ "Diesen Blog durchsuchen", L_EQ, 0 },
	{ "Dieses Blog durchsuchen", L_EQ, 0 },
	{ "Follower", L_EQ, 0 },
	{ "Eingestellt von ", L_PREFIX, 120 },
	{ "Kommentar veröffentlichen", L_EQ, 0 },
	{ "Neuerer Post", L_PREFIX, 30 },
	{ "Älterer Post", L_PREFIX, 30 },
	{ "Startseite", L_EQ, 0 },
	{ "Abonnieren", L_PREFIX, 80 },
	{ "Teilen", L_EQ, 0 },
	{ "Diesen Beitrag teilen", L_PREFIX, 40 },
	{ "Weiterlesen", L_EQ, 0 },
	{ "Alle Rechte vorbehalten", L_CONTAINS, 200 },
	{ "Anzeige", L_EQ, 0 },
	{ "Anzeige:", L_EQ, 0 },
	{ "Anzeige, enthält Affiliate Links", L_PREFIX, 60 },
	{ "Auch interessant", L_PREFIX, 120 },
	{ "Ähnliche Beiträge", L_EQ, 0 },
	{ "Mehr zum Thema", L_PREFIX, 60 },
	{ "Schon gelesen?", L_EQ, 0 },
	{ "Lesen Sie auch", L_PREFIX, 160 },
	{ "Das könnte Sie auch interessieren", L_PREFIX, 60 },
	{ "Über den Autor", L_EQ, 0 },
	{ "Beitragsbild:", L_PREFIX, 120 },
	{ "Titelbild:", L_PREFIX, 120 },
	{ "Bild:", L_PREFIX, 80 },
	{ "Foto:", L_PREFIX, 80 },
	{ "Vergrößern ", L_PREFIX, 200 },
	{ "Keine Kommentare", L_PREFIX, 100 },
	{ "Kommentare insgesamt:", L_PREFIX, 40 },
	{ "Aufrufe:", L_PREFIX, 200 },
	{ "Quellen ausblenden", L_EQ, 0 },
	{ "Quellen anzeigen", L_EQ, 0 },
	{ "Entdecken Sie jetzt", L_EQ, 0 },
	{ "Vorschau auf den nächsten Artikel", L_EQ, 0 },
	{ "Aktualisiert am", L_PREFIX, 60 },
	{ "Kategorie:", L_PREFIX, 100 },
	{ "Kategorien:", L_PREFIX, 160 },
	{ "Schlagwörter:", L_PREFIX, 160 },
	{ "Sie sind aktuell nicht eingeloggt.", L_EQ, 0 },
	{ "Hier können Sie den Artikel bewerten", L_PREFIX, 60 },
	{ "(Noch keine Bewertungen)", L_EQ, 0 },
	{ "zurück", L_EQ, 0 },
	{ "Zurück", L_EQ, 0 },
	{ "Drucken", L_EQ, 0 },
	{ "Von:", L_EQ, 0 },
	/* French */
	{ "Aucun commentaire:", L_PREFIX, 60 },
	{ "Aucun commentaire :", L_PREFIX, 60 },
	{ "Rechercher dans ce blog", L_EQ, 0 },
	{ "Publié par ", L_PREFIX, 120 },
	{ "Partager", L_EQ, 0 },
	{ "Lire la suite", L_PREFIX, 60 },
	{ "Tous droits réservés", L_CONTAINS, 200 },
	{ "Crédits photos", L_PREFIX, 120 },
	{ "Lire aussi", L_PREFIX, 160 },
	{ "À lire aussi", L_PREFIX, 160 },
	/* Spanish, Italian, Portuguese */
	{ "No hay comentarios:", L_PREFIX, 60 },
	{ "Buscar este blog", L_EQ, 0 },
	{ "Publicado por ", L_PREFIX, 120 },
	{ "Compartir", L_EQ, 0 },
	{ "Seguidores", L_EQ, 0 },
	{ "Leer más", L_EQ, 0 },
	{ "Lea también", L_PREFIX, 200 },
	{ "Lea más:", L_PREFIX, 200 },
	{ "Lea:", L_PREFIX, 200 },
	{ "Le puede interesar", L_PREFIX, 200 },
	{ "Puedes ver:", L_PREFIX, 200 },
	{ "Te puede interesar", L_PREFIX, 200 },
	{ "Leggi anche", L_PREFIX, 200 },
	{ "Leia também", L_PREFIX, 200 },
	{ "Nessun commento:", L_PREFIX, 60 },
	{ "Cerca nel blog", L_EQ, 0 },
	{ "Pubblicato da ", L_PREFIX, 120 },
	{ "Condividi", L_EQ, 0 },
	{ "Nenhum comentário:", L_PREFIX, 60 },
	{ "Pesquisar este blog", L_EQ, 0 },
	{ "Postado por ", L_PREFIX, 120 },
	/* Russian, Ukrainian, Lithuanian, Polish, Dutch */
	{ "Нет комментариев:", L_PREFIX, 60 },
	{ "Поиск по этому блогу", L_EQ, 0 },
	{ "Поделиться", L_EQ, 0 },
	{ "Читать далее", L_PREFIX, 40 },
	{ "Немає коментарів:", L_PREFIX, 60 },
	{ "Пошук у цьому блозі", L_EQ, 0 },
	{ "Поділитися", L_EQ, 0 },
	{ "Komentarų nėra:", L_PREFIX, 60 },
	{ "Dalintis", L_EQ, 0 },
	{ "Skaityti daugiau", L_PREFIX, 40 },
	{ "Brak komentarzy:", L_PREFIX, 60 },
	{ "Udostępnij", L_EQ, 0 },
	{ "Czytaj też", L_PREFIX, 200 },
	{ "Czytaj także", L_PREFIX, 200 },
	{ "Zobacz też", L_PREFIX, 200 },
	{ "drukuj", L_EQ, 0 },
	{ "Читайте также", L_PREFIX, 200 },
	{ "Читайте також", L_PREFIX, 200 },
	{ "Taip pat skaitykite", L_PREFIX, 200 },
	{ "Lees ook", L_PREFIX, 200 },
	{ "Geen opmerkingen:", L_PREFIX, 60 },
	{ "Delen", L_EQ, 0 },
};

static int
has_prefix(const char *s, size_t n, const char *p)
{
	size_t m = strlen(p);

	return n >= m && strncasecmp(s, p, m) == 0;
}

static int
contains(const char *s, size_t n, const char *p)
{
	size_t m = strlen(p);

	for (size_t i = 0; i + m <= n; i++)
		if (strncasecmp(s + i, p, m) == 0)
			return 1;
	return 0;
}

/* "#tag #other" and nothing else. */
static int
hashtags_only(const char *s, size_t n)
{
	size_t i = 0, tags = 0;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == ','))
			i++;
		if (i == n)
			break;
		if (s[i] != '#')
			return 0;
		tags++;
		while (i < n && s[i] != ' ')
			i++;
	}
	return tags > 0;
}

/* "© 2025 Example Media", "Copyright 2025 ...", "(c) 2025 ...". */
static int
copyright(const char *s, size_t n)
{
	if (n > 200)
		return 0;
	return has_prefix(s, n, "\xC2\xA9") || has_prefix(s, n, "Copyright ") ||
	    has_prefix(s, n, "Copyright\xC2\xA9") || has_prefix(s, n, "(c) ");
}

/* "Image 2 of 5", "Photo 1 of 12": slideshow counters. */
static int
image_counter(const char *s, size_t n)
{
	const char *p = s, *e = s + n;

	if (n > 24 || !(has_prefix(s, n, "Image ") || has_prefix(s, n, "Photo ")))
		return 0;
	p += 6;
	if (p >= e || !isdigit((unsigned char)*p))
		return 0;
	while (p < e && isdigit((unsigned char)*p))
		p++;
	if (e - p < 4 || strncmp(p, " of ", 4) != 0)
		return 0;
	for (p += 4; p < e; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

/* "5 min read", "3 minute read", "Comments (0)", "12 comments". */
static int
counter_line(const char *s, size_t n)
{
	size_t i = 0;

	if (n > 30)
		return 0;
	if (has_prefix(s, n, "Comments (") && s[n - 1] == ')')
		return 1;
	while (i < n && isdigit((unsigned char)s[i]))
		i++;
	if (i == 0 || i == n || s[i] != ' ')
		return 0;
	i++;
	return (n - i == 8 && has_prefix(s + i, n - i, "min read")) ||
	    (n - i == 6 && has_prefix(s + i, n - i, "minute")) ||
	    (n - i == 7 && has_prefix(s + i, n - i, "minutes")) ||
	    (n - i == 11 && has_prefix(s + i, n - i, "minute read")) ||
	    (n - i == 12 && has_prefix(s + i, n - i, "minutes read")) ||
	    (n - i == 8 && has_prefix(s + i, n - i, "comments")) ||
	    (n - i == 7 && has_prefix(s + i, n - i, "comment")) ||
	    (n - i == 6 && has_prefix(s + i, n - i, "shares"));
}

static int
boilerplate(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
		const struct phrase *ph = &phrases[i];

		if (ph->maxlen && n > ph->maxlen)
			continue;
		switch (ph->how) {
		case L_EQ:
			if (n == strlen(ph->s) && strncasecmp(s, ph->s, n) == 0)
				return 1;
			break;
		case L_PREFIX:
			if (has_prefix(s, n, ph->s))
				return 1;
			break;
		case L_CONTAINS:
			if (contains(s, n, ph->s))
				return 1;
			break;
		}
	}
	return hashtags_only(s, n) || copyright(s, n) || counter_line(s, n) ||
	    image_counter(s, n);
}

size_t
lines_filter(char *text, size_t len)
{
	size_t r = 0, w = 0;

	while (r < len) {
		char *nl = memchr(text + r, '\n', len - r);
		size_t e = nl ? (size_t)(nl - text) : len;
		size_t n = e - r;

		if (n > 0 && !boilerplate(text + r, n)) {
			memmove(text + w, text + r, n);
			w += n;
			text[w++] = '\n';
		}
		r = e + 1;
	}
	if (w > 0)
		w--;	/* the last '\n' */
	if (text != NULL)
		text[w] = '\0';
	return w;
}
