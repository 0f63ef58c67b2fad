"""A programme can be archived: finished, read-only (issue 18)

Revision ID: a18c0b7e2f11
Revises: a17c0a1a5e5d
Created: 2026-12-04 16:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'a18c0b7e2f11'
down_revision = 'a17c0a1a5e5d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
