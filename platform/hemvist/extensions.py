"""Flask extensions, created unbound here and bound to an application in ``create_app``."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from hemvist.core.models import Base
from hemvist.tenancy.binding import TenantAwareSession

db = SQLAlchemy(model_class=Base, session_options={"class_": TenantAwareSession})
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
