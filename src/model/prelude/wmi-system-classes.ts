/**
 * The WMI system classes that every WMI namespace holds before any MOF is compiled into it, written for
 * mofgen from the facts of Microsoft's WMI SDK class pages (names, superclasses, property names and types,
 * defaults, abstract and singleton classes) and the keys WMI identifies their instances by. Descriptions are
 * mofgen's own one-line summaries. Only the documented classes a MOF file derives from, refers to or
 * instantiates are here; a `__` name missing from this list is still accepted, without member checks. So is
 * `__PARAMETERS` on purpose: WMI gives each method's parameter object that class name with the method's own
 * parameters as properties (`instance of __PARAMETERS { ReturnValue = 0; }`), so it has no fixed members.
 *
 * Where the SDK's simplified MOF is incomplete, the gap is filled from the page it points to: `__ACE` lists
 * its flag and GUID properties without types (the Win32_ACE page gives uint32 and string), and
 * `__SecurityDescriptor` gives every member as `__ACE` (owner and group are trustees, the ACLs arrays of ACEs,
 * as in Win32_SecurityDescriptor).
 */
export const wmiSystemClassesMof = `
[Abstract, Description("Root of every WMI system class.")]
class __SystemClass {
};

// --- Namespaces and the repository -------------------------------------------------------------------

[Description("A namespace: an instance of it in a namespace creates a child namespace.")]
class __Namespace : __SystemClass {
  [Key, Description("Name of the child namespace.")] string Name;
};

[Singleton, Description("Security settings of the namespace it is found in.")]
class __thisNAMESPACE : __SystemClass {
  uint8 SECURITY_DESCRIPTOR[];
};

[Singleton, Description("Version and setup facts of the WMI service.")]
class __CIMOMIdentification : __SystemClass {
  string SetupDateTime;
  string VersionCurrentlyRunning;
  string VersionUsedToCreateDB;
  string WorkingDirectory;
};

[Singleton, Description("Limits WMI places on the resources its tasks and users may take.")]
class __ArbitratorConfiguration : __SystemClass {
  uint32 OutstandingTasksTotal;
  uint32 OutstandingTasksPerUser;
  uint32 TaskThreadsTotal;
  uint32 TaskThreadsPerUser;
  uint32 QuotaRetryCount;
  uint32 QuotaRetryWaitInterval;
  uint32 TotalUsers;
  uint32 TotalCacheMemoryPerTask;
  uint32 TotalCacheMemoryPerUser;
  uint32 TotalCacheMemory;
  uint32 TotalCacheDiskPerTask;
  uint32 TotalCacheDiskPerUser;
  uint32 TotalCacheDisk;
  uint32 TemporarySubscriptionsPerUser;
  uint32 PermanentSubscriptionsPerUser;
  uint32 PollingInstructionsPerUser;
  uint32 PollingMemoryPerUser;
  uint32 TemporarySubscriptionsTotal;
  uint32 PermanentSubscriptionsTotal;
  uint32 PollingInstructionsTotal;
  uint32 PollingMemoryTotal;
};

[Description("Limits on the processes that host providers.")]
class __ProviderHostQuotaConfiguration : __SystemClass {
  uint32 ThreadsPerHost;
  uint32 HandlesPerHost;
  uint32 ProcessLimitAllHosts;
  uint64 MemoryPerHost;
  uint64 MemoryAllHosts;
};

[Abstract, Description("Root of the classes that say how long WMI keeps unused components loaded.")]
class __CacheControl : __SystemClass {
};

[Singleton, Description("How long an idle event consumer provider stays loaded.")]
class __EventConsumerProviderCacheControl : __CacheControl {
  datetime ClearAfter;
};

[Singleton, Description("How long an idle event provider stays loaded.")]
class __EventProviderCacheControl : __CacheControl {
  datetime ClearAfter;
};

[Singleton, Description("How long WMI keeps an idle logical consumer's sink.")]
class __EventSinkCacheControl : __CacheControl {
  datetime ClearAfter;
};

[Singleton, Description("How long an idle class or instance provider stays loaded.")]
class __ObjectProviderCacheControl : __CacheControl {
  datetime ClearAfter;
};

[Singleton, Description("How long an idle property provider stays loaded.")]
class __PropertyProviderCacheControl : __CacheControl {
  datetime ClearAfter;
};

// --- Status objects ----------------------------------------------------------------------------------

[Abstract, Description("Root of the status objects WMI and providers return.")]
class __NotifyStatus {
  uint32 StatusCode;
};

[Description("Detailed error information a provider or WMI returns with a failure.")]
class __ExtendedStatus : __NotifyStatus {
  string Description;
  string Operation;
  string ParameterInfo;
  string ProviderName;
};

// --- Providers and their registration --------------------------------------------------------------

[Abstract, Description("Root of provider registrations: one instance names one provider.")]
class __Provider : __SystemClass {
  [Key, Description("Name of the provider, referred to by its registrations.")] string Name;
};

[Description("A COM provider: where WMI finds it and how it is hosted.")]
class __Win32Provider : __Provider {
  string ClientLoadableCLSID;
  string CLSID;
  sint32 Concurrency;
  string DefaultMachineName;
  boolean Enabled;
  string HostingModel;
  sint32 ImpersonationLevel = 0;
  sint32 InitializationReentrancy;
  datetime InitializationTimeoutInterval;
  boolean InitializeAsAdminFirst;
  datetime OperationTimeoutInterval;
  boolean PerLocaleInitialization = FALSE;
  boolean PerUserInitialization = FALSE;
  boolean Pure = TRUE;
  string SecurityDescriptor;
  boolean SupportsExplicitShutdown;
  boolean SupportsExtendedStatus;
  boolean SupportsQuotas;
  boolean SupportsSendStatus;
  boolean SupportsShutdown;
  boolean SupportsThrottling;
  datetime UnloadTimeout;
  uint32 Version;
};

[Abstract, Description("Root of the classes that register what a provider supplies.")]
class __ProviderRegistration : __SystemClass {
  [Key, Description("The registered provider.")] __Provider REF provider;
};

[Abstract, Description("Registration of a class or instance provider.")]
class __ObjectProviderRegistration : __ProviderRegistration {
  sint32 InteractionType = 0;
  string QuerySupportLevels[];
  boolean SupportsBatching;
  boolean SupportsDelete = FALSE;
  boolean SupportsEnumeration = FALSE;
  boolean SupportsGet = FALSE;
  boolean SupportsPut = FALSE;
  boolean SupportsTransactions;
};

[Description("Registers a provider of instances.")]
class __InstanceProviderRegistration : __ObjectProviderRegistration {
};

[Description("Registers a provider of classes.")]
class __ClassProviderRegistration : __ObjectProviderRegistration {
  datetime CacheRefreshInterval;
  boolean PerUserSchema;
  string ReferencedSetQueries[];
  string ResultSetQueries[];
  boolean ReSynchroniseOnNamespaceOpen;
  string UnsupportedQueries[];
  uint32 Version;
};

[Description("Registers a provider of methods.")]
class __MethodProviderRegistration : __ProviderRegistration {
};

[Description("Registers a provider of property values.")]
class __PropertyProviderRegistration : __ProviderRegistration {
  boolean SupportsGet = FALSE;
  boolean SupportsPut = FALSE;
};

[Description("Registers a provider of events, with the queries it answers.")]
class __EventProviderRegistration : __ProviderRegistration {
  string EventQueryList[];
};

[Description("Registers a provider of event consumers, with the consumer classes it serves.")]
class __EventConsumerProviderRegistration : __ProviderRegistration {
  string ConsumerClassNames[];
};

// --- Events and subscriptions ------------------------------------------------------------------------

[Abstract, Description("Root of the classes of events, consumers, filters and timers.")]
class __IndicationRelated : __SystemClass {
};

// WMI's events are its indications: Hyper-V's CIM_Indication is an [Indication] class derived from
// __ExtrinsicEvent. Marking the root so makes every event class an indication in the model too.
[Abstract, Indication, Description("Root of every event class.")]
class __Event : __IndicationRelated {
  uint8 SECURITY_DESCRIPTOR[];
  uint64 TIME_CREATED;
};

[Description("Root of events that providers define themselves.")]
class __ExtrinsicEvent : __Event {
};

[Description("Events WMI itself raises.")]
class __SystemEvent : __ExtrinsicEvent {
};

[Description("An event that WMI could not deliver to a consumer.")]
class __EventDroppedEvent : __SystemEvent {
  __Event Event;
  __EventConsumer REF IntendedConsumer;
};

[Description("An event dropped because the consumer's queue was full.")]
class __EventQueueOverflowEvent : __EventDroppedEvent {
  uint32 CurrentQueueSize;
};

[Description("An event dropped because its consumer failed.")]
class __ConsumerFailureEvent : __EventDroppedEvent {
  uint32 ErrorCode;
  string ErrorDescription;
  object ErrorObject;
};

[Description("Root of the events raised when an instance is created, changed or deleted.")]
class __InstanceOperationEvent : __Event {
  object TargetInstance;
};

[Description("An instance was created.")]
class __InstanceCreationEvent : __InstanceOperationEvent {
};

[Description("An instance was deleted.")]
class __InstanceDeletionEvent : __InstanceOperationEvent {
};

[Description("An instance was changed; PreviousInstance holds it as it was.")]
class __InstanceModificationEvent : __InstanceOperationEvent {
  object PreviousInstance;
};

[Description("A method of an instance was called.")]
class __MethodInvocationEvent : __InstanceOperationEvent {
  string Method;
  __PARAMETERS Parameters;
  boolean PreCall;
};

[Description("Root of the events raised when a class is created, changed or deleted.")]
class __ClassOperationEvent : __Event {
  object TargetClass;
};

[Description("A class was created.")]
class __ClassCreationEvent : __ClassOperationEvent {
};

[Description("A class was deleted.")]
class __ClassDeletionEvent : __ClassOperationEvent {
};

[Description("A class was changed; PreviousClass holds it as it was.")]
class __ClassModificationEvent : __ClassOperationEvent {
  object PreviousClass;
};

[Description("Root of the events raised when a namespace is created, changed or deleted.")]
class __NamespaceOperationEvent : __Event {
  __Namespace TargetNamespace;
};

[Description("A namespace was created.")]
class __NamespaceCreationEvent : __NamespaceOperationEvent {
};

[Description("A namespace was deleted.")]
class __NamespaceDeletionEvent : __NamespaceOperationEvent {
};

[Description("A namespace was changed; PreviousNamespace holds it as it was.")]
class __NamespaceModificationEvent : __NamespaceOperationEvent {
  __Namespace PreviousNamespace;
};

[Description("An event raised by a timer instruction.")]
class __TimerEvent : __Event {
  uint32 NumFirings;
  string TimerId;
};

[Description("Several events of one kind, delivered as one.")]
class __AggregateEvent : __IndicationRelated {
  uint32 NumberOfEvents;
  object Representative;
};

[Abstract, Description("Root of the classes that make WMI raise events by itself.")]
class __EventGenerator : __IndicationRelated {
};

[Abstract, Description("Root of timer instructions: each raises __TimerEvent events.")]
class __TimerInstruction : __EventGenerator {
  boolean SkipIfPassed = FALSE;
  [Key, Description("Identifies the timer in the events it raises.")] string TimerId;
};

[Description("A timer that fires once, at a given time.")]
class __AbsoluteTimerInstruction : __TimerInstruction {
  datetime EventDateTime;
};

[Description("A timer that fires repeatedly, every IntervalBetweenEvents milliseconds.")]
class __IntervalTimerInstruction : __TimerInstruction {
  uint32 IntervalBetweenEvents;
};

[Abstract, Description("Root of permanent event consumers.")]
class __EventConsumer : __IndicationRelated {
  uint8 CreatorSID[];
  string MachineName;
  uint32 MaximumQueueSize;
};

[Description("A query that selects the events a permanent consumer receives.")]
class __EventFilter : __IndicationRelated {
  uint8 CreatorSID[];
  string EventAccess;
  string EventNamespace;
  [Key, Description("Unique name of the filter.")] string Name;
  string Query;
  string QueryLanguage;
};

[Description("Connects an event filter to the consumer that receives its events.")]
class __FilterToConsumerBinding : __IndicationRelated {
  [Key] __EventConsumer REF Consumer;
  uint8 CreatorSID[];
  boolean DeliverSynchronously = FALSE;
  uint32 DeliveryQoS;
  [Key] __EventFilter REF Filter;
  boolean MaintainSecurityContext = FALSE;
  boolean SlowDownProviders = FALSE;
};

// --- Security ----------------------------------------------------------------------------------------

[Abstract, Description("Root of the security classes.")]
class __SecurityRelatedClass {
};

[Description("A user or group that an access control entry applies to.")]
class __Trustee {
  string Domain;
  string Name;
  uint8 SID[];
  uint32 SidLength;
  string SidString;
  uint64 TIME_CREATED;
};

[Description("One access control entry: rights granted or denied to a trustee.")]
class __ACE : __SecurityRelatedClass {
  uint32 AccessMask;
  uint32 AceFlags;
  uint32 AceType;
  string GuidInheritedObjectType;
  string GuidObjectType;
  uint64 TIME_CREATED;
  __Trustee Trustee;
};

[Description("A security descriptor: owner, group and access control lists.")]
class __SecurityDescriptor {
  uint32 ControlFlags;
  __ACE DACL[];
  __Trustee Group;
  __Trustee Owner;
  __ACE SACL[];
  uint64 TIME_CREATED;
};

[Description("A user of a Windows 9x computer, as its namespace security lists it.")]
class __NTLMUser9X : __SecurityRelatedClass {
  string Authority;
  sint32 Flags;
  sint32 Mask;
  string Name;
  sint32 Type;
};

[Description("Reads and changes the security of the namespace it is called in.")]
class __SystemSecurity {
  uint32 GetSD([Out] uint8 SD[]);
  uint32 SetSD([In] uint8 SD[]);
  uint32 GetSecurityDescriptor([Out] __SecurityDescriptor Descriptor);
  uint32 SetSecurityDescriptor([In] __SecurityDescriptor Descriptor);
  uint32 GetCallerAccessRights([Out] sint32 Rights);
};
`;
