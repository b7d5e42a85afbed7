<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS 2.0 or Atom feed opened in a browser as a readable page that explains how to subscribe. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
    <xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
    <xsl:variable name="home" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <link rel="stylesheet" href="/static/feeds/feed.css"/>
      </head>
      <body>
        <header class="feed-header">
          <p class="feed-kind">Web feed</p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
          <div class="how-to" role="note">
            <h2>How to subscribe</h2>
            <p>This page is a feed: a feed reader checks it and shows you each new item. To subscribe, copy this address into your feed reader (Feedly, Inoreader, NetNewsWire, Thunderbird and others):</p>
            <p><code class="feed-url"><xsl:value-of select="$self"/></code></p>
            <p>New to feeds? Any reader will do; they are free and need no account with us. <a href="/feeds/">All our feeds</a> · <a href="{$home}">Back to the site</a></p>
          </div>
        </header>
        <main>
          <h2>Latest items</h2>
          <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
          <xsl:if test="not(rss/channel/item | atom:feed/atom:entry)">
            <p class="empty">Nothing here yet. Subscribe and new items will reach you as they are published.</p>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <article class="feed-item">
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <p class="meta">
        <xsl:value-of select="pubDate"/>
        <xsl:if test="dc:creator"> · <xsl:value-of select="dc:creator"/></xsl:if>
      </p>
      <p><xsl:value-of select="description" disable-output-escaping="yes"/></p>
    </article>
  </xsl:template>

  <xsl:template match="atom:entry">
    <article class="feed-item">
      <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="meta">
        <xsl:value-of select="substring(atom:published, 1, 10)"/>
        <xsl:if test="atom:author/atom:name"> · <xsl:value-of select="atom:author/atom:name"/></xsl:if>
      </p>
      <p><xsl:value-of select="atom:summary" disable-output-escaping="yes"/></p>
    </article>
  </xsl:template>
</xsl:stylesheet>
