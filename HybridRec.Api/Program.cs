using HybridRec.Api;
using HybridRec.Serving;
using Scalar.AspNetCore;

// dotnet run -c Release --project HybridRec.Api -- [--model PATH] [--cache-dir DIR] [--urls http://127.0.0.1:5080]
var builder = WebApplication.CreateBuilder(args);
// appsettings.json is found only when the working directory is the project's (dotnet run): without it ASP.NET Core
// would log every request at Information, which costs more than serving a cached list.
if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null) builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// Registered first, so its start (which creates the cache folder) runs before the model provider's watcher starts.
builder.Services.AddHostedService<DefaultModelTrainer>();
// Read lazily (when the options are first used), so settings added after this line — tests, environment — count.
builder.Services.AddHybridRec(options => options.ModelPath = DefaultModel.ModelPath(builder.Configuration));
builder.Services.AddOpenApi();
// A request that fails to bind (Development throws BadHttpRequestException) keeps its 4xx status instead of becoming a 500.
builder.Services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = e => e is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError);

var app = builder.Build();

// Problem details for every error: exceptions outside the endpoints (a generic 500, never a stack trace) and bodiless
// status codes (a route that does not match, a query value that does not parse).
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();   // /openapi/v1.json
if (app.Environment.IsDevelopment()) app.MapScalarApiReference();   // /scalar

app.MapHybridRec();
app.Run();
