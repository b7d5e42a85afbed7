from django.apps import AppConfig


class PublicSiteConfig(AppConfig):
    name = "articles.public"
    label = "public"
    verbose_name = "Public site"

    def ready(self):
        from articles.public import content_version, dependencies
        from entities.changes import content_changed

        dependencies.connect()
        content_changed.connect(content_version.on_content_changed, dispatch_uid="public-pages")
