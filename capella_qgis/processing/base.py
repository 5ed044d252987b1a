"""Base class of the Capella algorithms: auth, CONFIRM, client setup, errors and cancellation."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, Callable, Optional

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
)
from qgis.PyQt.QtGui import QIcon

from capella_qgis.core.exceptions import CancelledError, CapellaError, InputError, user_message
from capella_qgis.processing.params import label, parameter_problem, string_value, tr
from capella_qgis.toolbelt.auth import CredentialError, load_secret, make_credential
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, QgsProcessingException
from capella_qgis.toolbelt.network import build_client
from capella_qgis.toolbelt.paths import plugin_icon
from capella_qgis.toolbelt.settings import PluginSettings

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.core.api.client import ConsoleClient

LOGGER = logging.getLogger(__name__)

AUTH = "AUTH"
CONFIRM = "CONFIRM"

GROUP_CATALOG = ("catalog", QT_TRANSLATE_NOOP("@default", "Catalog and orders"))
GROUP_TASKING = ("tasking", QT_TRANSLATE_NOOP("@default", "Tasking"))


def client_for_authcfg(authcfg: Optional[str]) -> ConsoleClient:
    """Build the client: ``authcfg`` if given, else ``CAPELLA_API_KEY`` or the plugin's key.

    Main thread only (QGIS proxy factory and auth DB). Raises QgsProcessingException.
    """
    settings = PluginSettings.load()
    try:
        if authcfg:
            stored = load_secret(authcfg)
            if stored is None:
                raise QgsProcessingException(
                    tr(
                        "Could not read a key from the authentication configuration {id} "
                        "(missing, empty, or the authentication database is locked)."
                    ).format(id=authcfg)
                )
            return build_client(settings, credential=make_credential(*stored))
        return build_client(settings)
    except CredentialError as exc:
        raise QgsProcessingException(
            tr(
                "{reason} Or choose an authentication configuration (AUTH), or set "
                "CAPELLA_API_KEY (and CAPELLA_API_URL)."
            ).format(reason=exc.message)
        ) from None
    except CapellaError as exc:
        raise QgsProcessingException(user_message(exc)) from None


def without_field(exc: InputError) -> str:
    """The core's refusal without its leading ``field: `` (``InputError.without_field``)."""
    return exc.without_field()


class CapellaAlgorithm(QgsProcessingAlgorithm):
    """Common plumbing; subclasses implement ``define``, ``parse`` and ``execute``.

    ``parse`` validates every parameter without network access: it runs in
    ``checkParameterValues`` (clear message before anything is sent) and again at run time.
    The client is built in ``prepareAlgorithm`` (main thread) and closed afterwards.
    Failures read as ``failure_message`` says: ``user_message``, the text the GUI shows too.
    """

    ALG_NAME = ""
    DISPLAY_NAME = ""
    GROUP = GROUP_CATALOG
    HELP = ""
    SPENDS_MONEY = False
    #: The core's InputError.field → the parameters that set it, so a refusal names their
    #: labels; a field not listed is the parameter of that name in capitals, if any.
    FIELD_PARAMETERS: dict[str, tuple[str, ...]] = {}
    #: Also replace the field names inside the text (off for messages that list field names).
    LABEL_NAMES_IN_TEXT = False

    def __init__(self) -> None:
        super().__init__()
        self._client: Optional[ConsoleClient] = None
        self._client_error: Optional[str] = None

    # --- metadata --------------------------------------------------------------------------

    def createInstance(self) -> CapellaAlgorithm:
        return type(self)()

    def name(self) -> str:
        return self.ALG_NAME

    def displayName(self) -> str:
        return tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return tr(self.GROUP[1])

    def groupId(self) -> str:
        return self.GROUP[0]

    def icon(self) -> QIcon:
        return plugin_icon()

    def shortHelpString(self) -> str:
        text = tr(self.HELP)
        if self.SPENDS_MONEY:
            text += tr(
                "<p><b>This algorithm spends money</b>: it creates billable orders or requests "
                "on your Capella account. It refuses to run unless CONFIRM is true.</p>"
            )
        text += tr(
            "<p>Credentials: the AUTH configuration if given, else CAPELLA_API_KEY, else the "
            "key saved in Settings › Options › Capella. CAPELLA_API_URL overrides the API URL.</p>"
        )
        return text

    # --- parameters ------------------------------------------------------------------------

    def initAlgorithm(self, config: Optional[dict[str, Any]] = None) -> None:
        self.define()
        auth = QgsProcessingParameterAuthConfig(
            AUTH, tr("Authentication configuration (empty: plugin settings)"), "", True
        )
        self.addParameter(auth)
        if self.SPENDS_MONEY:
            self.addParameter(
                QgsProcessingParameterBoolean(
                    CONFIRM, tr("I confirm that this spends money (CONFIRM)"), False
                )
            )

    def define(self) -> None:
        raise NotImplementedError

    def parse(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        """Validated arguments for ``execute``; raise QgsProcessingException on bad input."""
        return None

    def execute(
        self,
        args: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        raise NotImplementedError

    def _check_confirm(self, parameters: dict[str, Any], context: QgsProcessingContext) -> None:
        if self.SPENDS_MONEY and not self.parameterAsBoolean(parameters, CONFIRM, context):
            raise QgsProcessingException(
                tr(
                    "{alg} spends money on your Capella account: set CONFIRM to true to run it."
                ).format(alg=self.displayName())
            )

    def _check_values(self, parameters: dict[str, Any], context: QgsProcessingContext) -> None:
        """Each parameter's raw value (QGIS' own checks, each refusal worded with its label)."""
        for definition in self.parameterDefinitions():
            problem = parameter_problem(self, definition, parameters, context)
            if problem:
                raise QgsProcessingException(problem)

    def _parse_checked(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Any:
        self._check_values(parameters, context)
        self._check_confirm(parameters, context)
        try:
            return self.parse(parameters, context)
        except CapellaError as exc:
            raise QgsProcessingException(self.message_for(exc)) from None

    def failure_message(self, exc: BaseException) -> str:
        """What the user reads when ``exc`` stops the algorithm (the GUI's text for it)."""
        return user_message(exc)

    def message_for(self, exc: BaseException) -> str:
        """``failure_message``, except that a refused input names the parameters' labels."""
        if isinstance(exc, InputError):
            return self.labelled(exc)
        return self.failure_message(exc)

    def field_labels(self, field: Optional[str]) -> list[str]:
        """The labels of the parameters behind a core field name (empty when there is none)."""
        if not field:
            return []
        names = self.FIELD_PARAMETERS.get(field) or (field.upper(),)
        return [label(self, n) for n in names if self.parameterDefinition(n) is not None]

    def labelled(self, exc: InputError) -> str:
        """The core's refusal with its field names replaced by the parameters' labels.

        The core words it for a Python caller ("window_close: … must be after window_open");
        here it reads "Window closes (UTC): … must be after Window opens (UTC)".
        """
        labels = self.field_labels(exc.field)
        if not labels:
            return str(exc)
        head = " / ".join(labels)
        body = without_field(exc)
        if self.LABEL_NAMES_IN_TEXT:
            body = self.relabel(body)
            if body.startswith(head):  # "off_nadir_min (40°) must be …" names it already
                return body
        return f"{head}: {body}"

    def relabel(self, text: str) -> str:
        """The core's field names inside ``text`` replaced by the parameters' labels."""

        def name_to_label(match: re.Match[str]) -> str:
            found = self.field_labels(match.group(0))
            return " / ".join(found) if found else match.group(0)

        # snake_case words only: the core's field names, never ordinary words or values.
        return re.sub(r"(?<![\w'])[a-z]+(?:_[a-z0-9]+)+(?![\w'])", name_to_label, text)

    def checkParameterValues(
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> tuple[bool, str]:
        # QGIS' own check is replaced (_check_values): its "Incorrect parameter value for X"
        # names neither the label nor the fix, and it refuses unpadded dates the SDK accepts.
        try:
            self._parse_checked(parameters, context)
        except QgsProcessingException as exc:
            return False, str(exc.args[0]) if exc.args else str(exc)
        return True, ""

    # --- execution -------------------------------------------------------------------------

    def prepareAlgorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> bool:
        try:
            self._client = client_for_authcfg(string_value(self, parameters, AUTH, context))
        except QgsProcessingException as exc:
            # Raised from processAlgorithm so the message reaches the caller unchanged.
            self._client_error = str(exc.args[0]) if exc.args else str(exc)
        return True

    @property
    def client(self) -> ConsoleClient:
        if self._client is None:
            raise QgsProcessingException(self._client_error or tr("No Capella client"))
        return self._client

    def processAlgorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        try:
            args = self._parse_checked(parameters, context)
            client = self.client  # raises the credential problem, if any
            del client
            return self.execute(args, parameters, context, feedback)
        except CancelledError:
            raise QgsProcessingException(tr("Cancelled by the user")) from None
        except QgsProcessingException:
            raise
        except CapellaError as exc:
            raise QgsProcessingException(self.message_for(exc)) from None
        except Exception as exc:
            # A bug: the details go to the Capella log tab, the caller gets the short text.
            LOGGER.exception("Unexpected error in %s", self.name())
            raise QgsProcessingException(self.failure_message(exc)) from None
        finally:
            if self._client is not None:
                self._client.close()
                self._client = None

    @staticmethod
    def cancel_check(feedback: QgsProcessingFeedback) -> Callable[[], bool]:
        """``is_cancelled`` callable for the core client."""
        return lambda: bool(feedback is not None and feedback.isCanceled())

    @staticmethod
    def check_cancelled(feedback: QgsProcessingFeedback) -> None:
        if feedback is not None and feedback.isCanceled():
            raise CancelledError()
