from django.views.generic import TemplateView


class AuditListView(TemplateView):
    template_name = "web/home.html"
