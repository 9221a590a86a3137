/*
 * billing_round.h: one amount of minutes rounded by the terms, the step
 * under billing_round_entries, shared by billing.c and its tests, used by
 * no other layer.
 */
#ifndef CXO_CORE_BILLING_ROUND_H
#define CXO_CORE_BILLING_ROUND_H

#include "cxo/billing.h"

/* minutes rounded to the terms' increment; negative minutes count as 0,
 * no increment (0 or less) leaves them as they are.  Saturates. */
long billing_round(long minutes, const struct billing_terms *t);

#endif
