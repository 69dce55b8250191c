"""Small widgets every room uses: the message banner, labels that never widen a window,
hints in empty views, a status line that can fail with Retry, and the right-to-left delegate.

May import Qt and the domain only.
"""
