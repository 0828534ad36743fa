"""Quality: evaluation, tuning, the learnt question memory and reports."""
