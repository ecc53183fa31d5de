"""Authorization in one place: one function per question, for views and templates alike.

Views call `require(can_x(user, obj))`, which raises 403; templates call
`can.can_x(current_user, obj)` to decide what to show. Each function accepts an
anonymous user.
"""

from flask import abort

from portal.core import lookups


def is_signed_in(user) -> bool:
    """Whether `user` is an authenticated, non-deleted account."""
    return bool(user and getattr(user, "is_authenticated", False) and not user.is_deleted)


def is_admin(user) -> bool:
    """Whether `user` administers the alliance."""
    return is_signed_in(user) and user.is_admin


def can_sign_charter(user) -> bool:
    """Signing needs a confirmed address, so signatures belong to reachable people."""
    return is_signed_in(user) and user.is_confirmed


def can_manage_alliance(user) -> bool:
    """Validate signatures, import allies, read contact messages."""
    return is_admin(user)


def can_reset_two_factor(user, person) -> bool:
    """Administrators reset someone else's two-factor login; their own is on their account page."""
    return can_manage_alliance(user) and person.id != user.id


def can_withdraw_signature(user, signature) -> bool:
    """The signer withdraws their own signature; administrators any."""
    if not is_signed_in(user):
        return False
    return user.is_admin or signature.signer_id == user.id


def require(allowed: bool) -> None:
    """Abort with 403 unless `allowed`."""
    if not allowed:
        abort(403)


def can_end_login(user, login) -> bool:
    """A member ends only their own logins (profile, "end this login")."""
    return is_signed_in(user) and login.user_id == user.id


# --- spaces, sessions, materials ----------------------------------------------------
# A membership lookup per (user, space) is cached on `g` for the request, so a page
# asking several questions about one space runs one query.


def _role_cache() -> dict:
    """This request's roles, by (user id, space id): space_role and preload_space_roles."""
    from flask import g

    return g.setdefault("_space_roles", {})


def forget_space_roles() -> None:
    """Drop the request's roles: a long run (digests) asks about many users in turn."""
    from flask import g

    g.pop("_space_roles", None)


def space_role(user, space) -> str | None:
    """The user's role in `space` ("facilitator", "member") or None."""
    if not is_signed_in(user) or space is None:
        return None
    from flask import has_app_context

    if not has_app_context():
        return lookups.ask("space_role", user.id, space.id)
    cache = _role_cache()
    key = (user.id, space.id)
    if key not in cache:
        cache[key] = lookups.ask("space_role", user.id, space.id)
    return cache[key]


def preload_space_roles(user, spaces) -> None:
    """Put the user's roles in all of `spaces` in the request's cache with one query,
    for a page that asks about many spaces (a lookup each would grow with the list)."""
    from flask import has_app_context

    if not is_signed_in(user) or not has_app_context():
        return
    cache = _role_cache()
    wanted = {s.id: s for s in spaces if s is not None and (user.id, s.id) not in cache}
    if not wanted:
        return
    found = lookups.ask("space_roles", user, list(wanted.values()))
    for space_id in wanted:
        cache[(user.id, space_id)] = found.get(space_id)


def is_space_member(user, space) -> bool:
    """A member or facilitator of `space`."""
    return space_role(user, space) is not None


def is_facilitator(user, space) -> bool:
    """A facilitator of `space`."""
    return space_role(user, space) == "facilitator"


def can_administer_spaces(user) -> bool:
    """Create cohorts and communities, appoint facilitators, archive."""
    return is_admin(user)


def can_see_space(user, space) -> bool:
    """Cohorts: their members and admins. Communities: any signed-in member of the portal."""
    if is_admin(user) or is_space_member(user, space):
        return True
    return is_signed_in(user) and space.is_community and not space.is_archived


def can_see_space_members(user, space) -> bool:
    """The member list is visible to the space's own members (and admins)."""
    return is_admin(user) or is_space_member(user, space)


def can_manage_space(user, space) -> bool:
    """Schedule sessions, invite, record attendance, see the facilitator view."""
    if space is None or space.is_archived:
        return False
    return is_admin(user) or is_facilitator(user, space)


def can_join_space(user, space) -> bool:
    """Communities take any confirmed member in one click; cohorts need an invitation."""
    return (
        is_signed_in(user)
        and user.is_confirmed
        and space.is_community
        and not space.is_archived
        and not is_space_member(user, space)
    )


# --- spaces: administration, invitations, joining and leaving (spaces) -----------------


def can_edit_space(user, space) -> bool:
    """Edit the title, description, dates and cover: administrators, while not archived."""
    return can_administer_spaces(user) and not space.is_archived


def can_appoint_facilitators(user, space) -> bool:
    """Appoint or remove facilitators: administrators, while not archived."""
    return can_administer_spaces(user) and not space.is_archived


def can_archive_space(user, space) -> bool:
    """Archive (read-only, out of listings): administrators."""
    return can_administer_spaces(user) and not space.is_archived


def can_restore_space(user, space) -> bool:
    """Bring an archived space back: administrators."""
    return can_administer_spaces(user) and space.is_archived


def can_see_invitations(user, space) -> bool:
    """A cohort's invitations and who accepted: its facilitators and administrators."""
    return space.is_cohort and (is_admin(user) or is_facilitator(user, space))


def can_invite_to_space(user, space) -> bool:
    """Invite, resend and revoke: a cohort's facilitators and administrators, while active."""
    return space.is_cohort and can_manage_space(user, space)


def can_leave_space(user, space) -> bool:
    """Members leave a community in one click; facilitators are removed by administrators."""
    return space.is_community and not space.is_archived and space_role(user, space) == "member"


def can_accept_invitation(user, invitation) -> bool:
    """Invitations are personal: only the account with the invited address accepts."""
    return is_signed_in(user) and user.email.strip().lower() == invitation.email


# --- meetings (sessions) -------------------------------------------------------------


def can_see_meeting(user, meeting) -> bool:
    """A session is visible to whoever sees its space (page, .ics)."""
    return can_see_space(user, meeting.space)


def can_schedule_meeting(user, space) -> bool:
    """Schedule a new session: the space's facilitators and administrators."""
    return can_manage_space(user, space)


def can_edit_meeting(user, meeting) -> bool:
    """Edit a session that is not cancelled."""
    return not meeting.is_cancelled and can_manage_space(user, meeting.space)


def can_cancel_meeting(user, meeting) -> bool:
    """Cancel a session that is not over nor already cancelled."""
    return can_edit_meeting(user, meeting) and not meeting.has_ended()


def can_register(user, meeting) -> bool:
    """Members of the space (facilitators too) with a confirmed address, while it is open."""
    return (
        is_signed_in(user)
        and user.is_confirmed
        and meeting.is_registration_open()
        and not meeting.space.is_archived
        and is_space_member(user, meeting.space)
    )


def can_unregister(user, meeting) -> bool:
    """Whoever sees the session may give their seat back until it starts."""
    return not meeting.is_cancelled and not meeting.has_started() and can_see_meeting(user, meeting)


def can_mark_attendance(user, meeting) -> bool:
    """Once a session has started, its space's facilitators (and administrators) record who came."""
    return (
        not meeting.is_cancelled and meeting.has_started() and can_manage_space(user, meeting.space)
    )


def can_see_facilitator_view(user, space) -> bool:
    """Registrations, attendance and exports of a space, archived or not."""
    return is_admin(user) or is_facilitator(user, space)


# --- materials ----------------------------------------------------------------------


def can_post_material(user, space) -> bool:
    """Facilitators and administrators post in an active space; members too in communities."""
    if space is None or space.is_archived or not is_signed_in(user):
        return False
    if is_admin(user) or is_facilitator(user, space):
        return True
    return space.is_community and is_space_member(user, space)


def can_share_material_publicly(user, space) -> bool:
    """Opening a material to visitors who are not signed in: facilitators and administrators."""
    return is_admin(user) or (space is not None and is_facilitator(user, space))


def can_download_material(user, material) -> bool:
    """See and download: "public" everyone, "allies" anyone signed in, "space" its members.

    Administrators see everything. portal.materials.services.visible_to() is the
    same rule in SQL, for lists.
    """
    if material.experience_id is not None:  # an experience's attachment follows it
        from portal.core.permissions_experiences import can_see_experience

        return can_see_experience(user, material.experience)
    if not material.is_published:  # a shared resource in moderation: author and moderators
        return can_edit_shared_resource(user, material) or can_moderate_resources(user)
    if material.visibility == "public":
        return True
    if not is_signed_in(user):
        return False
    if material.visibility == "allies" or is_admin(user):
        return True
    return material.space is not None and is_space_member(user, material.space)


def can_edit_material(user, material) -> bool:
    """Edit or delete: its poster (while they may see it), the space's facilitators, admins.

    Materials of an archived space are read-only, like the space.
    """
    if material.experience_id is not None:  # an experience's attachment: its writers
        from portal.core.permissions_experiences import can_edit_experience

        return can_edit_experience(user, material.experience)
    space = material.space
    if not is_signed_in(user) or (space is not None and space.is_archived):
        return False
    if is_admin(user) or (space is not None and is_facilitator(user, space)):
        return True
    return material.posted_by_id == user.id and can_download_material(user, material)


def can_share_resource(user) -> bool:
    """Share a resource with the alliance from /resources: signed allies and administrators.

    An ally has a validated signature of the charter, their own or an organisation's.
    """
    if not is_signed_in(user) or not user.is_confirmed:
        return False
    return is_admin(user) or lookups.ask("is_ally", user)


def can_moderate_resources(user) -> bool:
    """Publish or decline shared resources, read reports: administrators and library editors."""
    return is_admin(user) or (is_signed_in(user) and user.is_library_editor)


def can_edit_shared_resource(user, material) -> bool:
    """Its author edits a resource they shared (an edit goes back through moderation)."""
    return (
        is_signed_in(user)
        and material.is_shared_resource
        and material.posted_by_id is not None
        and material.posted_by_id == user.id
    )


def can_report_resource(user, material) -> bool:
    """Anyone signed in reports a published shared resource they did not share themselves."""
    return (
        is_signed_in(user)
        and material.is_shared_resource
        and material.is_published
        and material.posted_by_id != user.id
    )


# --- forums ---------------------------------------------------------------------------
# A thread with no space is an experience's discussion: portal.experiences answers for it
# (it registers "experience_of_thread" in core.lookups). Until it does, nobody may.
# Or it holds the comments of an assembly contribution: portal.assembly answers for those
# ("contribution_of_thread", and "contribution_permission" for the rule itself).


def _experience_of(thread):
    """The experience a space-less thread discusses, or None."""
    if not lookups.answers("experience_of_thread"):
        return None
    return lookups.ask("experience_of_thread", thread.id)


def _experience_question(name: str, user, experience) -> bool:
    """Ask the experiences domain's permission `name` (here, or in permissions_experiences)."""
    if experience is None:
        return False
    question = globals().get(name)
    if question is None:
        try:
            from portal.core import permissions_experiences
        except ImportError:
            return False
        question = getattr(permissions_experiences, name, None)
    return question is not None and question(user, experience)


def _contribution_rule(question: str, user, thread) -> bool | None:
    """The assembly's answer to `question` for a contribution's thread; None for others."""
    if not lookups.answers("contribution_of_thread"):
        return None
    contribution = lookups.ask("contribution_of_thread", thread.id)
    if contribution is None:
        return None
    return bool(lookups.ask("contribution_permission", question, user, contribution))


def can_see_thread(user, thread) -> bool:
    """Whoever sees the space sees its forum; a discussion follows its experience or its
    contribution."""
    if thread.space_id is None:
        ruled = _contribution_rule("can_see", user, thread)
        if ruled is not None:
            return ruled
        return _experience_question("can_see_experience", user, _experience_of(thread))
    return can_see_space(user, thread.space)


def can_take_part_in_forum(user, space) -> bool:
    """Start threads, reply and flag: the space's confirmed members and admins, while active."""
    if space is None or space.is_archived or not is_signed_in(user) or not user.is_confirmed:
        return False
    return is_admin(user) or is_space_member(user, space)


def can_start_thread(user, space) -> bool:
    """Open a new thread in a space's forum."""
    return can_take_part_in_forum(user, space)


def can_moderate_forum(user, space) -> bool:
    """Pin, lock, hide, move and decide on flags: the space's facilitators and admins."""
    return can_manage_space(user, space)


def can_post_in_thread(user, thread) -> bool:
    """Reply: members while the thread is open; moderators even when it is locked."""
    if thread.space_id is None:
        ruled = _contribution_rule("can_post", user, thread)
        if ruled is not None:
            return ruled
        return _experience_question("can_discuss_experience", user, _experience_of(thread))
    if can_moderate_forum(user, thread.space):
        return True
    return not thread.is_locked and can_take_part_in_forum(user, thread.space)


def can_edit_post(user, post) -> bool:
    """Authors edit their own visible posts while they may still reply."""
    return (
        is_signed_in(user)
        and post.author_id == user.id
        and post.is_visible
        and can_post_in_thread(user, post.thread)
    )


def can_delete_post(user, post) -> bool:
    """Authors delete their own posts (a placeholder stays) while they see the thread."""
    return (
        is_signed_in(user)
        and post.author_id == user.id
        and not post.is_deleted
        and can_see_thread(user, post.thread)
    )


def can_flag_post(user, post) -> bool:
    """Members report someone else's visible post to the moderators."""
    thread = post.thread
    return (
        thread.space_id is not None
        and post.is_visible
        and post.author_id != getattr(user, "id", None)
        and can_take_part_in_forum(user, thread.space)
    )


def can_moderate_thread(user, thread) -> bool:
    """Moderation of one thread (space forums only; discussions belong to experiences)."""
    return thread.space_id is not None and can_moderate_forum(user, thread.space)


def can_see_hidden_post(user, post) -> bool:
    """A hidden post's text: its author (with the reason) and the moderators."""
    if not is_signed_in(user) or post.is_deleted:
        return False
    return post.author_id == user.id or can_moderate_thread(user, post.thread)


def can_subscribe_to_forum(user, space) -> bool:
    """Follow or mute a space's forum: anyone signed in who sees it."""
    return is_signed_in(user) and can_see_space(user, space)


def can_subscribe_to_thread(user, thread) -> bool:
    """Follow or mute a thread: anyone signed in who sees it."""
    return is_signed_in(user) and can_see_thread(user, thread)
