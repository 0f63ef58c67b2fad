"""Secrets shown once wait on the server (shown_secret), not in the session cookie

Revision ID: 5e8b2d41c7f3
Revises: a18c0b7e2f11
Created: 2026-12-04 16:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = '5e8b2d41c7f3'
down_revision = 'a18c0b7e2f11'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('shown_secret',
    sa.Column('handle', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_shown_secret_user_id_user'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('handle', name=op.f('pk_shown_secret'))
    )
    with op.batch_alter_table('shown_secret', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shown_secret_created_at'), ['created_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_shown_secret_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('shown_secret', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shown_secret_user_id'))
        batch_op.drop_index(batch_op.f('ix_shown_secret_created_at'))
    op.drop_table('shown_secret')
