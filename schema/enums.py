"""The contract's enums (values as listed in EVENTS.md) and a few of the API's own."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Where something happened.")
class Channel(Enum):
    WEB = "WEB"
    MOBILE_APP = "MOBILE_APP"
    STORE = "STORE"
    CALL_CENTER = "CALL_CENTER"
    EMAIL = "EMAIL"
    SMS = "SMS"
    SOCIAL = "SOCIAL"
    CHAT = "CHAT"
    KIOSK = "KIOSK"
    MARKETPLACE = "MARKETPLACE"


@strawberry.enum
class IdentifierType(Enum):
    CUSTOMER_ID = "CUSTOMER_ID"
    LOYALTY_ID = "LOYALTY_ID"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    SOCIAL_HANDLE = "SOCIAL_HANDLE"
    DEVICE_ID = "DEVICE_ID"
    COOKIE_ID = "COOKIE_ID"
    PAYMENT_TOKEN = "PAYMENT_TOKEN"


@strawberry.enum
class DeviceKind(Enum):
    PHONE = "PHONE"
    TABLET = "TABLET"
    DESKTOP = "DESKTOP"
    POS = "POS"
    KIOSK = "KIOSK"
    WATCH = "WATCH"
    TV = "TV"


@strawberry.enum
class OrderStatus(Enum):
    PLACED = "PLACED"
    PAID = "PAID"
    READY_FOR_PICKUP = "READY_FOR_PICKUP"
    PICKED_UP = "PICKED_UP"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"
    RETURNED = "RETURNED"


@strawberry.enum
class Fulfillment(Enum):
    SHIP = "SHIP"
    PICKUP_IN_STORE = "PICKUP_IN_STORE"
    IN_STORE = "IN_STORE"
    CURBSIDE = "CURBSIDE"


@strawberry.enum
class InteractionKind(Enum):
    PAGE_VIEW = "PAGE_VIEW"
    PRODUCT_VIEW = "PRODUCT_VIEW"
    SEARCH = "SEARCH"
    STORE_VISIT = "STORE_VISIT"
    EMAIL_OPEN = "EMAIL_OPEN"
    EMAIL_CLICK = "EMAIL_CLICK"
    PUSH_OPEN = "PUSH_OPEN"
    SMS_REPLY = "SMS_REPLY"
    SOCIAL_MESSAGE = "SOCIAL_MESSAGE"
    CHAT_MESSAGE = "CHAT_MESSAGE"
    CALL = "CALL"
    REVIEW = "REVIEW"
    APPOINTMENT = "APPOINTMENT"


@strawberry.enum
class ConsentPurpose(Enum):
    MARKETING = "MARKETING"
    PERSONALIZATION = "PERSONALIZATION"
    ANALYTICS = "ANALYTICS"
    PROFILING = "PROFILING"


@strawberry.enum
class ConsentChannel(Enum):
    EMAIL = "EMAIL"
    SMS = "SMS"
    PUSH = "PUSH"
    PHONE = "PHONE"
    POST = "POST"
    ALL = "ALL"


@strawberry.enum
class AccountKind(Enum):
    ONLINE = "ONLINE"
    LOYALTY = "LOYALTY"


@strawberry.enum
class AccountStatus(Enum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    CLOSED = "CLOSED"


@strawberry.enum
class CaseStatus(Enum):
    OPEN = "OPEN"
    RESOLVED = "RESOLVED"


@strawberry.enum
class CaseAction(Enum):
    OPEN = "OPEN"
    MESSAGE = "MESSAGE"
    RESOLVE = "RESOLVE"
    REOPEN = "REOPEN"


@strawberry.enum
class LoyaltyTier(Enum):
    BASIC = "BASIC"
    SILVER = "SILVER"
    GOLD = "GOLD"
    PLATINUM = "PLATINUM"


@strawberry.enum(description="What a timeline entry records.")
class TimelineKind(Enum):
    ORDER = "ORDER"
    INTERACTION = "INTERACTION"
    CART = "CART"
    CASE_MESSAGE = "CASE_MESSAGE"
    CONSENT = "CONSENT"
    LOYALTY = "LOYALTY"


@strawberry.enum
class CartStatus(Enum):
    OPEN = "OPEN"
    CHECKED_OUT = "CHECKED_OUT"
    MERGED = "MERGED"


@strawberry.enum
class CartAction(Enum):
    ADD = "ADD"
    REMOVE = "REMOVE"
    SET_QUANTITY = "SET_QUANTITY"
    CLEAR = "CLEAR"


@strawberry.enum
class LoyaltyAction(Enum):
    EARN = "EARN"
    REDEEM = "REDEEM"
    ADJUST = "ADJUST"


@strawberry.enum(description="Where recency and frequency (and, at the top, spend) put a customer.")
class RfmSegment(Enum):
    CHAMPIONS = strawberry.enum_value("CHAMPIONS", description="Bought recently and often.")
    LOYAL = strawberry.enum_value("LOYAL", description="Buys regularly.")
    NEW = strawberry.enum_value("NEW", description="A first order, recently.")
    POTENTIAL_LOYALIST = strawberry.enum_value(
        "POTENTIAL_LOYALIST", description="A second order, recently."
    )
    NEEDS_ATTENTION = strawberry.enum_value(
        "NEEDS_ATTENTION", description="A few orders, three to six months ago."
    )
    CANT_LOSE = strawberry.enum_value(
        "CANT_LOSE", description="Spent the most and bought often, but not for six months."
    )
    AT_RISK = strawberry.enum_value("AT_RISK", description="Bought often, but not for six months.")
    ABOUT_TO_SLEEP = strawberry.enum_value(
        "ABOUT_TO_SLEEP", description="A few orders, six months to a year ago."
    )
    HIBERNATING = strawberry.enum_value("HIBERNATING", description="A few orders, over a year ago.")
    PROSPECT = strawberry.enum_value("PROSPECT", description="Never ordered.")
