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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean.h"
#include "utf8.h"

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
	{ "Posted:", L_PREFIX, 80 },
	{ "Back to top", L_EQ, 0 },
	{ "Subscribe now to our", L_PREFIX, 200 },
	{ "(Visited ", L_PREFIX, 60 },
	{ "We need your help", L_EQ, 0 },
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
	{ "Veröffentlicht am ", L_PREFIX, 60 },
	{ "Veröffentlicht:", L_PREFIX, 60 },
	{ "Diese Artikel könnten dich ebenfalls interessieren", L_PREFIX, 80 },
	{ "Das könnte dich auch interessieren", L_PREFIX, 80 },
	{ "Vervielfältigung nur mit Genehmigung", L_CONTAINS, 200 },
	{ "Weiterlesen:", L_PREFIX, 200 },
	{ "Weitere Informationen", L_EQ, 0 },
	{ "Dieser Artikel kann Links", L_PREFIX, 300 },
	{ "Externer Inhalt", L_PREFIX, 300 },
	{ "Fragen zu diesem Artikel", L_PREFIX, 60 },
	{ "Entdecke weitere", L_PREFIX, 80 },
	{ "Noch mehr?", L_EQ, 0 },
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
	{ "Publié le ", L_PREFIX, 80 },
	{ "Mis à jour le ", L_PREFIX, 80 },
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
	{ "Publicado el ", L_PREFIX, 80 },
	{ "Publicado em ", L_PREFIX, 80 },
	{ "Pubblicato il ", L_PREFIX, 80 },
	{ "MÁS INFORMACIÓN:", L_PREFIX, 200 },
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
	{ "Опубликовано:", L_PREFIX, 80 },
	{ "Опубліковано:", L_PREFIX, 80 },
	{ "Paskelbta:", L_PREFIX, 80 },
	{ "Opublikowano:", L_PREFIX, 80 },
	{ "prawa zastrzeżone", L_CONTAINS, 200 },
	{ "Gepubliceerd op ", L_PREFIX, 80 },
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

/* A part of a source line that is a date or a time: "Nov 18, 2025",
 * "3h", "2 hours ago", "5 min read". */
static int
timeish(const char *s, size_t n)
{
	static const char *units[] = { "h", "m", "d", "w", "hr", "hrs",
	    "min", "mins", "minute", "minutes", "hour", "hours", "day", "days",
	    "week", "weeks" };
	char tmp[64], *d;
	size_t i = 0, u;

	if (n == 0 || n > 40 || s[n - 1] == '.')
		return 0;
	if (isdigit((unsigned char)s[0])) {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == ' ')
			i++;
		for (u = i; u < n && isalpha((unsigned char)s[u]); u++)
			;
		size_t rl = n - u;
		int tail = rl == 0 || (rl == 4 && strncmp(s + u, " ago", 4) == 0) ||
		    (rl == 5 && strncmp(s + u, " read", 5) == 0);
		for (size_t k = 0; tail && k < sizeof units / sizeof units[0]; k++)
			if (strlen(units[k]) == u - i &&
			    strncasecmp(s + i, units[k], u - i) == 0)
				return 1;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if ((d = meta_date_scan(tmp)) != NULL) {
		free(d);
		return 1;
	}
	return 0;
}

static int
starts_upper(const char *s, size_t n)
{
	size_t i = 0;

	return utf8_isupper(utf8_next(s, n, &i));
}

/* The separator at s[i] (" · ", " • "), its length in bytes, or 0. */
static size_t
dot_sep(const char *s, size_t n, size_t i)
{
	if (i + 2 <= n && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xB7)
		return 2;
	if (i + 3 <= n && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA2)
		return 3;
	return 0;
}

/*
 * An aggregator's source line: the outlet's name, a middle dot and a
 * date or nothing ("Axios ·", "Reuters · Nov 18, 2025", "The Verge · 3h").
 * The name is at most four words and no sentence; every other part is
 * empty or a date/time.
 */
static int
source_line(const char *s, size_t n)
{
	size_t i = 0, start = 0, parts = 0;

	if (n > 80)
		return 0;
	for (;;) {
		size_t sl = i < n ? dot_sep(s, n, i) : 0;
		if (i < n && sl == 0) {
			i++;
			continue;
		}
		/* the part s[start..i), trimmed */
		size_t a = start, b = i;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (parts == 0) {
			size_t words = 1;
			for (size_t k = a; k < b; k++)
				words += s[k] == ' ';
			if (sl == 0 || a == b || b - a > 40 || words > 4 ||
			    !starts_upper(s + a, b - a) ||
			    strchr(".!?:", s[b - 1]) != NULL)
				return 0;
		} else if (a < b && !timeish(s + a, b - a)) {
			return 0;
		}
		parts++;
		if (i >= n)
			break;
		i += sl;
		start = i;
	}
	return parts >= 2;
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
	    image_counter(s, n) || source_line(s, n);
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

/* ---- the head of the text ------------------------------------------ */

/* s[0..n) lower-cased, letters and digits only, one ' ' between words:
 * "Don’t stop: $2.1B plant" and "DON'T STOP -- $2.1B PLANT" meet. */
static void
norm_key(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;
	int gap = 0;

	buf_reset(out);
	while (i < n) {
		int32_t cp = utf8_next(s, n, &i);
		char u[4];

		if (cp < 0 || !(utf8_isalpha(cp) || utf8_isdigit(cp))) {
			gap = out->len > 0;
			continue;
		}
		if (gap)
			buf_putc(out, ' ');
		gap = 0;
		buf_append(out, u, (size_t)utf8_encode(utf8_tolower(cp), u));
	}
}

static int
same_key(const char *s, size_t n, const char *t, struct buf *k1,
    struct buf *k2)
{
	if (t == NULL)
		return 0;
	norm_key(k1, s, n);
	norm_key(k2, t, strlen(t));
	return k1->len > 0 && k1->len == k2->len &&
	    memcmp(k1->p, k2->p, k1->len) == 0;
}

/* Words that open a byline, per language. `label` ones end in ':' and
 * need no capital after them. */
static const struct {
	const char *s;
	int label;
} bywords[] = {
	{ "By ", 0 }, { "Written by ", 0 }, { "Words by ", 0 },
	{ "Author:", 1 }, { "Text:", 1 },
	{ "Von ", 0 }, { "Text von ", 0 }, { "Autor:", 1 }, { "Autorin:", 1 },
	{ "Par ", 0 }, { "Auteur :", 1 }, { "Auteur:", 1 },
	{ "Por ", 0 }, { "Escrito por ", 0 },
	{ "Di ", 0 }, { "Scritto da ", 0 }, { "Autore:", 1 },
	{ "Door ", 0 },
	{ "Autorius:", 1 }, { "Tekstas:", 1 },
	{ "Autor ", 0 },
	{ "Автор:", 1 }, { "Текст:", 1 }, { "Автор ", 0 },
};

/* Small words that may sit inside a name ("Anna van der Berg",
 * "Tom and Ann Lee"). */
static int
name_joint(const char *w, size_t n)
{
	static const char *j[] = { "and", "und", "et", "y", "e", "i", "ir",
	    "en", "van", "von", "der", "den", "de", "da", "di", "del", "du",
	    "la", "le", "dos", "das", "\xD0\xB8", "\xD1\x96" /* и, і */ };

	for (size_t i = 0; i < sizeof j / sizeof j[0]; i++)
		if (strlen(j[i]) == n && memcmp(j[i], w, n) == 0)
			return 1;
	return 0;
}

/*
 * "By Grace Thibodeau, Tribune Staff Writer | Posted: Friday, November
 * 21, 2025 9:30 am", "Von Anna Weber und Jan Ott", "Текст: Иван Петров":
 * a byline word, then a name (one to six words, capitalised but for
 * joints like "van" or "and"), then optionally a role or a date after
 * ',', '|', '·', '-' or '('. Not a sentence: after a role or a date
 * it does not end in a full stop ("By Tuesday, the city had run out of
 * salt.").
 */
static int
byline_line(const char *s, size_t n)
{
	size_t i = 0, p = 0, words = 0, caps = 0;
	int label = 0, more = 0;

	if (n > 200 || n < 4 || s[n - 1] == '?' || s[n - 1] == '!')
		return 0;
	for (; i < sizeof bywords / sizeof bywords[0]; i++) {
		size_t m = strlen(bywords[i].s);
		if (n > m && strncasecmp(s, bywords[i].s, m) == 0) {
			p = m;
			label = bywords[i].label;
			break;
		}
	}
	if (p == 0)
		return 0;
	while (p < n && s[p] == ' ')
		p++;
	/* the name: words up to the first separator or the end */
	while (p < n) {
		size_t w = p, q = p;
		int32_t cp;

		if (strchr(",|(/;", s[p]) != NULL || dot_sep(s, n, p) ||
		    (s[p] == '-' && words > 0) ||
		    (p + 2 < n && (unsigned char)s[p] == 0xE2 &&
		    (unsigned char)s[p + 1] == 0x80 &&
		    ((unsigned char)s[p + 2] == 0x93 || (unsigned char)s[p + 2] == 0x94))) {
			more = 1;
			break;
		}
		cp = utf8_next(s, n, &q);
		while (p < n && s[p] != ' ' && s[p] != ',' && s[p] != '|')
			p++;
		words++;
		if (utf8_isupper(cp))
			caps++;
		else if (words == 1 && !label)
			return 0;
		else if (!name_joint(s + w, p - w))
			return 0;
		for (size_t k = w; k < p; k++)
			if (isdigit((unsigned char)s[k]))
				return 0;
		while (p < n && s[p] == ' ')
			p++;
	}
	/* "By Reuters." is a byline, "By Tuesday, the city had run out of
	 * salt." a sentence */
	if (more && s[n - 1] == '.')
		return 0;
	return words >= 1 && words <= 6 && caps >= 1;
}

/* A line that is a date and little else: "Nov 18, 2025",
 * "Friday, November 21, 2025 9:30 am", "18.11.2025, 10:00 Uhr". */
static int
date_line(const char *s, size_t n)
{
	char tmp[64], *d;
	size_t words = 1;

	if (n == 0 || n > 50 || (s[n - 1] == '.' && n > 12))
		return 0;
	for (size_t i = 0; i < n; i++)
		words += s[i] == ' ';
	if (words > 7)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if ((d = meta_date_scan(tmp)) == NULL)
		return 0;
	free(d);
	return 1;
}

size_t
lines_head(char *text, size_t len, const char *title, char *const *authors,
    size_t nauthors)
{
	struct buf k1 = {0}, k2 = {0};
	size_t r = 0;

	for (int line = 0; line < 6 && r < len; line++) {
		char *nl = memchr(text + r, '\n', len - r);
		size_t e = nl ? (size_t)(nl - text) : len, n = e - r;
		const char *s = text + r;
		int drop = same_key(s, n, title, &k1, &k2) || byline_line(s, n) ||
		    date_line(s, n) || source_line(s, n);

		for (size_t a = 0; a < nauthors && !drop; a++)
			drop = same_key(s, n, authors[a], &k1, &k2);
		if (!drop)
			break;
		r = nl ? e + 1 : e;
	}
	buf_free(&k1);
	buf_free(&k2);
	if (r > 0) {
		memmove(text, text + r, len - r);
		len -= r;
		text[len] = '\0';
	}
	return len;
}
