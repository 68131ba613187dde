// in: VisitsByStoreLoader keys=['store-lisbon-1'] arguments={'start': datetime.datetime(2026, 3, 12, 0, 0, tzinfo=datetime.timezone.utc), 'end': datetime.datetime(2026, 3, 13, 0, 0, tzinfo=datetime.timezone.utc)}
// params: {"from": "2026-03-12T00:00:00+00:00", "ids": ["store-lisbon-1"], "to": "2026-03-13T00:00:00+00:00"}
MATCH (i:Interaction)
WHERE i.at >= datetime($from) AND i.at < datetime($to) AND i.kind = 'STORE_VISIT'
MATCH (i)-[:AT_STORE]->(s:Store) WHERE s.id IN $ids
MATCH (c:Customer)-[:PERFORMED]->(i)
WITH s.id AS sid, c, max(i.at) AS visited
ORDER BY visited DESC, c.id
RETURN sid AS key, collect(c {.*, personalizationRefused: COUNT {
  MATCH (c)-[:GAVE_CONSENT]->(c_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT c_x.granted AND NOT EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(c_y:Consent {purpose: 'PERSONALIZATION', channel: c_x.channel})
    WHERE c_y.at > c_x.at OR (c_y.at = c_x.at AND c_y.id > c_x.id)
  }
} > 0}) AS items
