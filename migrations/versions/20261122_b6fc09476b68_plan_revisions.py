"""plan revisions and staged amendment changes

Revision ID: b6fc09476b68
Revises: 0bbb6d8c6f05
Created: 2026-11-22 02:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'b6fc09476b68'
down_revision = '0bbb6d8c6f05'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('act', sa.String(length=300), nullable=False),
    sa.Column('act_date', sa.Date(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user.id'], name=op.f('fk_plan_revision_approved_by_id_user')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_revision_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_revision')),
    sa.UniqueConstraint('plan_id', 'number', name=op.f('uq_plan_revision_plan_id_number'))
    )
    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_revision_plan_id'), ['plan_id'], unique=False)

    op.create_table('event_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_change_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_event_change_plan_id_plan')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_event_change_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_change')),
    sa.UniqueConstraint('plan_id', 'event_id', name=op.f('uq_event_change_plan_id_event_id'))
    )
    with op.batch_alter_table('event_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_change_plan_id'), ['plan_id'], unique=False)

    # Existing rows: a plan approved (or being amended) is in force; every row starts at version 1.
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('in_force', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('submitted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    op.execute("UPDATE plan SET in_force = true WHERE status IN ('approved', 'amending')")
    op.execute("UPDATE plan SET revision = 0 WHERE status NOT IN ('approved', 'amending')")
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.alter_column('in_force', server_default=None)
        batch_op.alter_column('version', server_default=None)


def downgrade():
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('submitted_at')
        batch_op.drop_column('in_force')
    with op.batch_alter_table('event_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_change_plan_id'))
    op.drop_table('event_change')
    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_revision_plan_id'))
    op.drop_table('plan_revision')
