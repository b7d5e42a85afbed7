"""Generated articles about the generated (or existing) entities: bodies with anchored
quotes, mentions, tags, corrections, drafts and scheduled articles."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.anchoring import Anchor
from articles.demo.fakedata.entities import EntityGenerator, bulk_link
from articles.demo.fakedata.recipe import (
    BATCH,
    CLOSERS,
    CORRECTION_EVERY,
    DRAFT_EVERY,
    FILLER,
    GENERATED_TAG,
    KEY_QUOTE_EVERY,
    OBJECTS,
    OPENERS,
    OUTLET,
    REVIEW_EVERY,
    SCHEDULED_EVERY,
    TOPICS,
    UNNAMED_SHARE,
    YEARS,
)
from articles.models import Article, Correction, Mention, Quote, publish_day


class Generator(EntityGenerator):
    """Writes the articles of an archive, in batches, after its entities."""

    def tags(self):
        names = [GENERATED_TAG, *(f"sample {topic}" for topic in TOPICS)]
        existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
        missing = [Tag(name=n, slug=n.replace(" ", "-")) for n in names if n not in existing]
        created = Tag.objects.bulk_create(missing)
        self.counts.tags = len(created)
        by_name = {**existing, **{t.name: t for t in created}}
        self.generated_tag = by_name[GENERATED_TAG]
        self.topic_tags = [by_name[f"sample {topic}"] for topic in TOPICS]

    def article(self, n, when, status):
        """An unsaved article and its quotes (with their links), anchored in its body."""
        rng = self.rng
        topic = rng.choice(TOPICS)
        quoted = []
        paragraphs, pos = [], 0

        def add(text):
            nonlocal pos
            paragraphs.append(text)
            pos += len(text) + 2

        local_day = timezone.localtime(when, self.tz).date()
        add(rng.choice(FILLER).format(topic=topic, day=local_day.strftime("%A")))
        for i in range(rng.randrange(7, 14)):
            speaker = None if rng.random() < UNNAMED_SHARE else self.skewed(self.people)
            words = " ".join(
                part
                for part in (
                    rng.choice(OPENERS),
                    rng.choice(OBJECTS).format(topic=rng.choice(TOPICS)),
                    rng.choice(CLOSERS),
                )
                if part
            )
            who = f"{speaker.name}, {speaker.title}," if speaker else "sample officials"
            lead = "“"
            quoted.append((pos + len(lead), words, speaker, i))
            add(f"{lead}{words},” said {who} in a statement.")
            if rng.random() < 0.3:
                add(rng.choice(FILLER).format(topic=topic, day=local_day.strftime("%A")))
        body = "\n\n".join(paragraphs)
        number = f"{self.first + n:05d}"
        article = Article(
            uid=self.uid(),
            external_id=f"generated-{number}",
            headline=f"Sample story {number}: talks on {topic}",
            slug=f"sample-story-{number}",
            dek=f"A generated article about {topic}, for benchmarks and tests.",
            byline=f"Sample Reporter {rng.randrange(1, 60):02d}",
            outlet=OUTLET,
            dateline=f"SAMPLE CITY {rng.randrange(1, 40):02d}",
            body=body,
            status=status,
            publish_at=when,
            updated_at=when or self.now,
        )
        near = self.events_near(local_day) or self.events
        quotes = []
        for start, words, speaker, position in quoted:
            end = start + len(words)
            anchor = Anchor.at(body, start, end)
            quote = Quote(
                uid=self.uid(),
                text=words,
                start=start,
                end=end,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
                kind=rng.choice((Quote.Kind.DIRECT, Quote.Kind.DIRECT, Quote.Kind.PARTIAL)),
                speaker=speaker,
                unnamed_speaker="" if speaker else "Sample officials",
                speaker_title=speaker.title if speaker else "",
                said_on=local_day - datetime.timedelta(days=1) if rng.random() < 0.1 else None,
                is_key=position == 0 and n % KEY_QUOTE_EVERY == 0,
                position=position,
            )
            quote.day = quote.said_on or publish_day(when)
            quote.sector_links = rng.sample(self.sectors, rng.randrange(1, 3))
            quote.event_links = [rng.choice(near)] if rng.random() < 0.6 else []
            quotes.append(quote)
        return article, quotes

    def mentions_of(self, article, quotes):
        """About six mentions: the first quoted people, a sector, an organization, a country."""
        rng = self.rng
        people = list({q.speaker_id: q.speaker for q in quotes if q.speaker_id}.values())[:3]
        entities = [
            *(("person", p) for p in people),
            ("sector", quotes[0].sector_links[0]),
            ("organization", rng.choice(self.organizations)),
            ("country", self.skewed(self.countries)),
        ]
        if quotes[0].event_links:
            entities.append(("event", quotes[0].event_links[0]))
        return [
            Mention(
                article=article,
                role=Mention.Role.ABOUT if i == 0 else Mention.Role.MENTIONS,
                position=i,
                aliases=[entity.name],
                **{kind: entity},
            )
            for i, (kind, entity) in enumerate(entities)
        ]

    def publish_times(self, count):
        """(publish time, status) per article, oldest first, spread over ten years."""
        rng = self.rng
        span = YEARS * 365 * 24 * 3600
        end = datetime.datetime.combine(self.until, datetime.time(18), tzinfo=self.tz)
        moments = sorted(
            end - datetime.timedelta(seconds=rng.randrange(span)) for _ in range(count)
        )
        out = []
        for n, moment in enumerate(moments):
            if n % DRAFT_EVERY == DRAFT_EVERY // 3:
                out.append((None, Article.Status.DRAFT))
            elif n % REVIEW_EVERY == REVIEW_EVERY // 3:
                out.append((None, Article.Status.REVIEW))
            elif n % SCHEDULED_EVERY == SCHEDULED_EVERY // 2:
                ahead = datetime.timedelta(days=rng.randrange(1, 30), hours=rng.randrange(24))
                out.append((end + ahead, Article.Status.PUBLISHED))
            else:
                out.append((moment.replace(microsecond=0), Article.Status.PUBLISHED))
        return out

    def articles(self, count):
        self.now = timezone.now()
        self.tags()
        schedule = self.publish_times(count)
        for offset in range(0, count, BATCH):
            self.article_batch(offset, schedule[offset : offset + BATCH])

    def article_batch(self, offset, schedule):
        rng = self.rng
        built = [self.article(offset + i, *when) for i, when in enumerate(schedule)]
        articles = Article.objects.bulk_create([a for a, _ in built], batch_size=BATCH)
        quotes = []
        for article, (_, article_quotes) in zip(articles, built, strict=True):
            for quote in article_quotes:
                quote.article = article
                quotes.append(quote)
        Quote.objects.bulk_create(quotes, batch_size=BATCH)
        bulk_link(Quote.sectors, [(q.pk, s.pk) for q in quotes for s in q.sector_links])
        bulk_link(Quote.events, [(q.pk, e.pk) for q in quotes for e in q.event_links])
        mentions = [
            m for article, (_, qs) in zip(articles, built, strict=True)
            for m in self.mentions_of(article, qs)
        ]  # fmt: skip
        Mention.objects.bulk_create(mentions, batch_size=BATCH)

        corrections, tagged = [], []
        article_type = ContentType.objects.get_for_model(Article)
        quote_type = ContentType.objects.get_for_model(Quote)
        for n, article in enumerate(articles):
            topics = rng.sample(self.topic_tags, rng.randrange(1, 4))
            for tag in (self.generated_tag, *topics):
                tagged.append(TaggedItem(tag=tag, content_type=article_type, object_id=article.pk))
            if article.publish_at and n % CORRECTION_EVERY == 1:
                corrections.append(
                    Correction(
                        article=article,
                        kind=rng.choice(list(Correction.Kind)),
                        text="A generated correction: an earlier version misstated a rate.",
                        created_at=article.publish_at + datetime.timedelta(hours=3),
                    )
                )
        for quote in quotes:
            if rng.random() < 0.1:
                tag = rng.choice(self.topic_tags)
                tagged.append(TaggedItem(tag=tag, content_type=quote_type, object_id=quote.pk))
        Correction.objects.bulk_create(corrections, batch_size=BATCH)
        TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
        self.counts.articles += len(articles)
        self.counts.quotes += len(quotes)
        self.counts.mentions += len(mentions)
        self.counts.corrections += len(corrections)
        self.counts.tagged_items += len(tagged)
