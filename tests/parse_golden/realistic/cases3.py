# ---------------------------------------------------------------- batch 3: every prefix of a few answers
def allprefixes(project, fn, label, text, step=1):
    for n in range(step, len(text), step):
        case(project, fn, f"allprefix.{label}@{n:04d}", text[:n], True)
    case(project, fn, f"allprefix.{label}@full", text, True)
    case(project, fn, f"whole.{label}", text, False)
order = '{"id": "A-17", "account": {"tier": "GOLD", "owner": "Lee", "balance": 12.5}, "status": "shipped", "lines": [{"sku": "K1", "qty": 2, "unit": "box"}, {"sku": "K2", "qty": 1, "unit": "kg"}], "gift": false}'
allprefixes(ST, "GetOrder", "order", order)
allprefixes(ST, "GetOrder", "order_pretty_fenced", "Here is the order:\n```json\n" + json.dumps(json.loads(order), indent=2) + "\n```\n")
allprefixes(ST, "GetOrders", "orders_unquoted", '[{id: A-1, account: {tier: gold member, owner: Lee}, status: pending, lines: [{sku: K1, qty: 2, unit: each}]}]')
allprefixes(ST, "GetProfile", "profile", '{"display_name": "Lee", "account": {"tier": "PLATINUM", "owner": "Lee"}, "badges": ["early", "pro"], "bio": "Hi there"}')
allprefixes(S, "TriageTicket", "triage_min", '{"summary": "Refund", "priority": "low", "department": "BILLING", "sentiment": "Neutral", "customer": {"name": "Al", "plan": "free", "account_age_days": 3}, "tags": ["refund"], "needs_human": true, "confidence": 0.5}')
allprefixes(A, "MakePlan", "plan_min", '{"thought": "go", "steps": [{"action": "calculate", "expression": "1+1"}, {"action": "reply", "message": "2"}]}')
allprefixes(M, "ActionItems", "ai_min", '[{"task": "Call", "owner": "Jo", "urgency": "HIGH"}, {"task": "Mail", "urgency": "LOW", "due": "2024-01-02"}]')
allprefixes(C, "Amount", "amount_prose", 'The total comes to $4.50 per unit.')
allprefixes(S, "GetPriority", "prio_prose", 'Priority: high. The customer is blocked.')
allprefixes(D, "Tree", "tree_min", '{"name": "a", "kind": "dir", "children": [{"name": "b", "kind": "file", "size_bytes": 10}]}')
