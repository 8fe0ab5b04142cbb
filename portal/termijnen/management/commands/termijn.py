"""``python manage.py termijn KIND …``: the legal term calculator for lawyers and testers.

Success: one JSON object on stdout, exit 0. Any error (argparse's own included): one Dutch line on
stderr, exit 2, never a traceback. Uses the rules' code defaults and needs no database.
"""

import json
import re
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.termijnen import calculator
from portal.termijnen.dates import TermijnFout

_VERTALINGEN = [
    (r"the following arguments are required: (.*)", "verplichte optie ontbreekt: {0}"),
    (r"unrecognized arguments: (.*)", "onbekende optie of waarde: {0}"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'?.*", "onbekende soort termijn '{1}'; kies uit: " + ", ".join(calculator.SOORTEN)),
    (r"argument (\S+): expected one argument", "optie {0} verwacht een waarde"),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} en {1} gaan niet samen"),
    (r"argument (\S+): invalid int value: '(.*)'", "{0}: '{1}' is geen heel getal"),
    (r"argument (\S+): ignored explicit argument '(.*)'", "{0}: onverwachte waarde '{1}'"),
    (r"one of the arguments (.*) is required", "geef precies één van {0}"),
    (r"ambiguous option: (\S+).*", "dubbelzinnige optie {0}"),
]


def _dutch(message: str) -> str:
    for pattern, template in _VERTALINGEN:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return template.format(*m.groups())
    return f"ongeldige invoer: {message}"


def _fail(message: str):
    sys.stderr.write(f"termijn: fout: {message}\n")
    sys.exit(2)


class DutchParser(CommandParser):
    """argparse's errors as one Dutch line and exit code 2."""

    def error(self, message):
        if not self.called_from_command_line:
            raise CommandError(_dutch(message))
        _fail(_dutch(message))


class Command(BaseCommand):
    help = "Rekent wettelijke termijnen uit (DOMAIN §4) en geeft één JSON-object."
    requires_system_checks = []
    requires_migrations_checks = False

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = DutchParser  # Django builds a CommandParser; errors must be Dutch one-liners
        return parser

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="soort", metavar="SOORT", parser_class=DutchParser)
        sub.required = True

        p = sub.add_parser("aanmelding", help=calculator.SOORTEN["aanmelding"])
        p.add_argument("--ontvangen", required=True, metavar="JJJJ-MM-DD")
        p.add_argument("--opschorting", action="append", default=[], metavar="VAN/TOT")
        p.add_argument("--verlenging", type=int, metavar="WEKEN")
        p.add_argument("--geboortedatum", metavar="JJJJ-MM-DD")

        p = sub.add_parser("opp", help=calculator.SOORTEN["opp"])
        p.add_argument("--inschrijving", required=True, metavar="JJJJ-MM-DD")

        p = sub.add_parser("tlv", help=calculator.SOORTEN["tlv"])
        p.add_argument("--aanvraag", required=True, metavar="JJJJ-MM-DD")
        p.add_argument("--opschorting", action="append", default=[], metavar="VAN/TOT")

        p = sub.add_parser("tlv-einddatum", help=calculator.SOORTEN["tlv-einddatum"])
        p.add_argument("--afgifte", required=True, metavar="JJJJ-MM-DD")
        p.add_argument("--schooljaren", required=True, type=int, metavar="N")
        # C-5: the law sets no maximum; the cap is policy (rule C-5's max_schooljaren, as the TLV service) or an SWV's own
        p.add_argument("--max", type=int, metavar="N", dest="max_schooljaren")

        p = sub.add_parser("bezwaar", help=calculator.SOORTEN["bezwaar"])
        p.add_argument("--bekendmaking", required=True, metavar="JJJJ-MM-DD")
        p.add_argument("--ontvangen", metavar="JJJJ-MM-DD", help="dag dat het bezwaar binnenkwam (Awb 6:9; A-13b)")
        p.add_argument("--ter-post", dest="ter_post", metavar="JJJJ-MM-DD", help="dag van verzending per post (Awb 6:9 lid 2)")
        p.add_argument("--sector", metavar="po|so|vo", help="soort school voor de beslistermijn (A-13b)")
        p.add_argument("--denominatie", metavar="openbaar|bijzonder|samenwerking")
        p.add_argument("--geschil", metavar="INGEDIEND/OORDEEL", help="geschil over hetzelfde besluit (WPO 43 lid 4)")
        p.add_argument("--verwijdering", action="store_true", help="bezwaar tegen een verwijdering (vo: WVO 2020 8.15)")

        p = sub.add_parser("schorsing", help=calculator.SOORTEN["schorsing"])
        p.add_argument("--bekendmaking", required=True, metavar="JJJJ-MM-DD")
        p.add_argument("--van", metavar="JJJJ-MM-DD", help="eerste dag van de schorsing (E-1)")
        p.add_argument("--tot", metavar="JJJJ-MM-DD", help="laatste dag van de schorsing (E-1)")
        p.add_argument("--vrij", action="append", default=[], metavar="VAN/TOT",
                       help="vakantie of vrije dag(en) van de school, beide dagen meegeteld (E-1: schooldagen)")
        p.add_argument("--ontvangen", metavar="JJJJ-MM-DD", help="dag dat het bezwaar binnenkwam (E-1c)")
        p.add_argument("--ter-post", dest="ter_post", metavar="JJJJ-MM-DD", help="dag van verzending per post (Awb 6:9 lid 2)")

        p = sub.add_parser("geschil-reactie", help=calculator.SOORTEN["geschil-reactie"])
        p.add_argument("--oordeel", required=True, metavar="JJJJ-MM-DD")

        p = sub.add_parser("klacht-reactie", help=calculator.SOORTEN["klacht-reactie"])
        p.add_argument("--oordeel", required=True, metavar="JJJJ-MM-DD")

        p = sub.add_parser("geschil", help=calculator.SOORTEN["geschil"])
        g = p.add_mutually_exclusive_group(required=True)
        g.add_argument("--besluit", metavar="JJJJ-MM-DD")
        g.add_argument("--ontvangen", metavar="JJJJ-MM-DD")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except TermijnFout as exc:
            _fail(str(exc))
        except Exception as exc:  # never a traceback for the user
            _fail(f"onverwachte fout ({exc.__class__.__name__})")

    def handle(self, *args, soort, **o):
        d = calculator.parse_datum
        if soort == "aanmelding":
            result = calculator.aanmelding(
                d(o["ontvangen"], "ontvangen"),
                [calculator.parse_interval(x) for x in o["opschorting"]],
                o["verlenging"],
                d(o["geboortedatum"], "geboortedatum") if o["geboortedatum"] else None,
            )
        elif soort == "opp":
            result = calculator.opp(d(o["inschrijving"], "inschrijving"))
        elif soort == "tlv":
            result = calculator.tlv(d(o["aanvraag"], "aanvraag"), [calculator.parse_interval(x) for x in o["opschorting"]])
        elif soort == "tlv-einddatum":
            result = calculator.tlv_einddatum(d(o["afgifte"], "afgifte"), o["schooljaren"], maximum=o["max_schooljaren"])
        elif soort == "bezwaar":
            geschil = calculator.parse_interval(o["geschil"], "geschil") if o["geschil"] else None
            result = calculator.bezwaar(
                d(o["bekendmaking"], "bekendmaking"), sector=o["sector"], denominatie=o["denominatie"],
                ontvangen=d(o["ontvangen"], "ontvangen") if o["ontvangen"] else None,
                ter_post=d(o["ter_post"], "ter-post") if o["ter_post"] else None, geschil=geschil,
                verwijdering=o["verwijdering"])
        elif soort == "schorsing":
            result = calculator.schorsing(
                d(o["bekendmaking"], "bekendmaking"), van=d(o["van"], "van") if o["van"] else None,
                tot=d(o["tot"], "tot") if o["tot"] else None,
                ontvangen=d(o["ontvangen"], "ontvangen") if o["ontvangen"] else None,
                ter_post=d(o["ter_post"], "ter-post") if o["ter_post"] else None,
                vrij=[calculator.parse_interval(x, "vrij") for x in o["vrij"]])
        elif soort == "geschil-reactie":
            result = calculator.geschil_reactie(d(o["oordeel"], "oordeel"))
        elif soort == "klacht-reactie":
            result = calculator.klacht_reactie(d(o["oordeel"], "oordeel"))
        else:
            result = calculator.geschil(
                besluit=d(o["besluit"], "besluit") if o["besluit"] else None,
                ontvangen=d(o["ontvangen"], "ontvangen") if o["ontvangen"] else None,
            )
        self.stdout.write(json.dumps(result, ensure_ascii=False))
