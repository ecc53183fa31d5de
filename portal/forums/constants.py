"""Sizes and limits of the forums."""

#: Posts on one page of a thread.
POSTS_PER_PAGE = 50
#: Threads on one page of a space's forum.
THREADS_PER_PAGE = 25
#: Distinct members whose flags hide a post until a moderator decides.
FLAGS_TO_HIDE = 3
TITLE_MAX = 200
BODY_MAX = 20_000
REASON_MAX = 500
#: Mentions notified per post at most (a post naming the whole space is not a mailing list).
MENTIONS_MAX = 20
