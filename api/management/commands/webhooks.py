"""``manage.py webhooks``: add, list, remove webhook endpoints, rotate a signing secret,
send a test ping. See ``docs/webhooks.md``."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from badgecms.api.webhooks.actions import send_test_ping
from badgecms.api.webhooks.models import EventType, WebhookEndpoint


class Command(BaseCommand):
    help = "Webhook endpoints: add URL [--events …], list, remove ID, rotate-secret ID, ping ID."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Add an endpoint and print its signing secret.")
        add.add_argument("url")
        add.add_argument(
            "--events",
            nargs="+",
            default=[],
            metavar="EVENT",
            help=f"Events to send (default: all): {', '.join(EventType.values)}.",
        )
        add.add_argument("--description", default="")
        actions.add_parser("list", help="List the endpoints.")
        for name, text in [
            ("remove", "Remove an endpoint and its delivery log."),
            ("rotate-secret", "Give an endpoint a new signing secret and print it."),
            ("ping", "Queue a test ping to an endpoint."),
        ]:
            actions.add_parser(name, help=text).add_argument("id", type=int)

    def handle(self, *args, action, **options):
        with transaction.atomic():
            getattr(self, "handle_" + action.replace("-", "_"))(**options)

    def handle_add(self, url, events, description, **options):
        unknown = sorted(set(events) - set(EventType.values))
        if unknown:
            raise CommandError(
                f"Unknown event {unknown[0]!r}: choose among {', '.join(EventType.values)}."
            )
        endpoint = WebhookEndpoint(url=url, events=events, description=description)
        try:
            endpoint.full_clean()
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise CommandError(f"{field}: {messages[0]}") from None
        endpoint.save()
        self.stdout.write(f"Added endpoint {endpoint.id}: {endpoint.url}")
        self.stdout.write(f"Signing secret (shown once, keep it): {endpoint.secret}")

    def handle_list(self, **options):
        for endpoint in WebhookEndpoint.objects.all():
            state = (
                "enabled" if endpoint.enabled else f"disabled {endpoint.disabled_reason}".strip()
            )
            events = ",".join(endpoint.events) or "all events"
            self.stdout.write(f"{endpoint.id}\t{endpoint.url}\t{events}\t{state}")

    def _endpoint(self, id):
        try:
            return WebhookEndpoint.objects.get(id=id)
        except WebhookEndpoint.DoesNotExist:
            raise CommandError(f"No webhook endpoint has the id {id}.") from None

    def handle_remove(self, id, **options):
        endpoint = self._endpoint(id)
        endpoint.delete()
        self.stdout.write(f"Removed endpoint {id}: {endpoint.url}")

    def handle_rotate_secret(self, id, **options):
        secret = self._endpoint(id).rotate_secret()
        self.stdout.write(f"New signing secret of endpoint {id} (shown once, keep it): {secret}")

    def handle_ping(self, id, **options):
        delivery = send_test_ping(self._endpoint(id))
        self.stdout.write(f"Queued test ping {delivery.message_id} to endpoint {id}.")
