"""Live updates: what ingestion applied, told to the subscriptions that may follow it.

- `activities.py`: an applied event as an activity (kind, summary, topics), and the pipeline's
  `announcer` hook that publishes them;
- `bus.py`: the activity bus, in-process or over Redis pub/sub (several gateway processes);
- `subscriptions.py`: `customerActivity` and `storeActivity`, who may follow what, and feeds that
  follow merges.

    pipeline = Pipeline(driver, database, on_applied=announcer(bus))  # ingestion publishes
    async with bus.subscribe({customer_topic(customer_id)}) as feed:  # a subscription listens
        ...
"""
