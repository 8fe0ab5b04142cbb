"""Login throttling (issue #19 §1): an account and a network each have their own limit.

django-axes records every failed login with the posted e-mail address (normalised) and the client's network. This
module decides, from those records, whether a login is refused:

- **per account**: ``AXES_FAILURE_LIMIT`` failures for one e-mail address within ``AXES_COOLOFF_TIME``, from any
  address and with any browser, lock that account. Changing the User-Agent or the IP address does not help.
- **per network**: ``AXES_IP_FAILURE_LIMIT`` failures from one network (an IPv4 address, or an IPv6 /64: one
  household or one school), across all accounts and whatever browser it claims to be, lock that network. The limit is
  higher than the account limit, so one colleague's typos do not lock a whole school behind one NAT address.

axes itself has one limit for every lockout parameter; the handler below counts the two apart and tells axes
"locked" when either count reaches its own limit. The lockout page says which of the two it is.
"""

import ipaddress
from dataclasses import dataclass

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

MAX_LENGTE = 255  # AccessAttempt.username


def normaliseer(gebruikersnaam) -> str | None:
    """The account a login attempt is for: the e-mail address stripped and in lower case (``Klachten@Demo.nl `` is
    ``klachten@demo.nl``, as the login itself treats it). Empty: None (counted for the network only)."""
    if not isinstance(gebruikersnaam, str):
        return None
    waarde = gebruikersnaam.strip().lower()[:MAX_LENGTE]
    return waarde or None


def gebruikersnaam(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: the login form posts ``username`` (not ``email``, the user model's field)."""
    waarde = (credentials or {}).get("username")
    if waarde is None and request is not None:
        waarde = getattr(request, "POST", {}).get("username")
    return normaliseer(waarde)


def netwerk(adres: str | None) -> str | None:
    """The network an address belongs to: an IPv4 address itself, an IPv6 address's /64 (one connection gets a whole
    /64, so counting single IPv6 addresses would let one attacker try without limit)."""
    try:
        ip = ipaddress.ip_address((adres or "").strip())
    except ValueError:
        return None
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's network. Behind ``AXES_PROXY_COUNT`` trusted proxies the address is the
    N-th entry from the right of X-Forwarded-For (entries further left are the client's own claim and can be forged);
    without proxies it is REMOTE_ADDR. Without this, every visitor behind a proxy would share the proxy's address,
    and the network limit would lock everyone."""
    adres = request.META.get("REMOTE_ADDR")
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    if proxies:
        keten = [d.strip() for d in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if d.strip()]
        if len(keten) >= proxies:
            adres = keten[-proxies]
    return netwerk(adres)


@dataclass(frozen=True)
class Tellingen:
    account: int
    netwerk: int

    @property
    def blokkade(self) -> str | None:
        """"account", "netwerk" or None: which lock applies (the account's first: that is what the user can fix)."""
        if self.account >= settings.AXES_FAILURE_LIMIT:
            return "account"
        if self.netwerk >= settings.AXES_IP_FAILURE_LIMIT:
            return "netwerk"
        return None


def _som(qs) -> int:
    return qs.aggregate(n=Sum("failures_since_start"))["n"] or 0


def tellingen(request, credentials=None) -> Tellingen:
    """The failures within the cool-off time for the account this login is for and for the client's network."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
    naam = get_client_username(request, credentials)
    ip = getattr(request, "axes_ip_address", None)
    return Tellingen(account=_som(recent.filter(username=naam)) if naam else 0,
                     netwerk=_som(recent.filter(ip_address=ip)) if ip else 0)


class InlogRemHandler(AxesDatabaseHandler):
    """axes' database handler with two limits: the account's and the network's (see the module docstring)."""

    def get_failures(self, request, credentials=None) -> int:
        # axes compares this number with AXES_FAILURE_LIMIT, before a login (is_locked) and after a failure.
        telling = tellingen(request, credentials)
        if telling.blokkade == "netwerk":
            return max(telling.account, settings.AXES_FAILURE_LIMIT)
        return telling.account

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login: forget this account's failures from this network, and nothing else. axes would
        delete every failure of the network too, so someone with an account of their own could log in between
        guesses at other accounts and never reach either limit."""
        naam = get_client_username(request, credentials)
        if not naam:
            return 0
        count, _ = AccessAttempt.objects.filter(username=naam, ip_address=request.axes_ip_address).delete()
        return count


def blokkade_antwoord(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a page that says what is locked (this account, or logins from this network), for how
    long, and what the user can do; HTTP 429."""
    reden = tellingen(request, credentials).blokkade or "account"
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"reden": reden, "minuten": minuten},
                  status=settings.AXES_HTTP_RESPONSE_CODE)


def account_vrijgeven(*, email: str) -> int:
    """Lift the lock of one account (after a new password was set through the e-mailed link)."""
    naam = normaliseer(email)
    if not naam:
        return 0
    count, _ = AccessAttempt.objects.filter(username=naam).delete()
    return count
