"""Executors a plan names by a phrase that names no agency, kept as written

Revision ID: b7e1c4d2a9f0
Revises: 5e8b2d41c7f3
Created: 2026-12-04 17:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'b7e1c4d2a9f0'
down_revision = '5e8b2d41c7f3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('executors_note', sa.String(length=500), nullable=True))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('executors_note')
