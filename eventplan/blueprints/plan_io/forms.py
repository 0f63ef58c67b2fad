from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length


class UploadForm(FlaskForm):
    file = FileField(_l("Spreadsheet (.xlsx or .csv)"), validators=[FileRequired()])


class ConfirmForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=64)])
    digest = HiddenField(validators=[DataRequired(), Length(max=64)])
