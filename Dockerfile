# Multi-stage build of src/Api. Build: docker build -t wfaas .
# Run:   docker run -p 8080:8080 -v wfaas-data:/data wfaas
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Engine/WfaaS.Engine.csproj src/Engine/
COPY src/Storage/WfaaS.Storage.csproj src/Storage/
COPY src/Scheduler/WfaaS.Scheduler.csproj src/Scheduler/
COPY src/Api/WfaaS.Api.csproj src/Api/
RUN dotnet restore src/Api/WfaaS.Api.csproj
COPY src/ src/
RUN dotnet publish src/Api/WfaaS.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    ConnectionStrings__Wfaas="Data Source=/data/wfaas.db" \
    Tokens__KeyFile=/data/wfaas-token.key
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["dotnet", "WfaaS.Api.dll"]
