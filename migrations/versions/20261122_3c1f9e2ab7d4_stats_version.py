"""The report figures' change stamp (stats_version)

Revision ID: 3c1f9e2ab7d4
Revises: ff168d78b898
Created: 2026-11-22 10:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = '3c1f9e2ab7d4'
down_revision = 'ff168d78b898'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stats_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stamp', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_version'))
    )


def downgrade():
    op.drop_table('stats_version')
