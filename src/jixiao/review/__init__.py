"""绩效目标审核: coded, cited rules over a target table."""
